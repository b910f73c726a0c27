import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type MetricKey, type MetricLang, metricText } from '../../contract/metricDefinitions.ts';

/**
 * The info mark of `key` on the page (the first, when several show it): it names its metric and is described by a
 * hidden tooltip that holds the definition, window and unit of the one definitions table in `lang`.
 */
export async function expectDefinitionMark(page: Page, key: MetricKey, lang: MetricLang): Promise<void> {
  const m = metricText(key, lang);
  const mark = page.getByTestId(`info-${key}`).first();
  await mark.waitFor({ state: 'attached', timeout: 10_000 });
  expect(await mark.getAttribute('aria-label'), key).toContain(m.name);
  const tip = page.locator(`[id="${await mark.getAttribute('aria-describedby')}"]`);
  expect(await tip.getAttribute('role')).toBe('tooltip');
  const text = await tip.textContent();
  for (const part of [m.definition, m.window, m.unit]) expect(text, `${key}: ${part}`).toContain(part);
  expect(await tip.isVisible(), key).toBe(false);
}
