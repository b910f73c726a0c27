import { describe, expect, it } from 'vitest';
import { type MetricKey, metricText } from '../../contract/metricDefinitions.ts';
import type { Overview } from '../../contract/overview.ts';
import { changeText } from '../../web/src/lib/metricChange.ts';
import { haveChromium, type SignedBrowser, useRig } from '../helpers/browser.ts';
import { expectDefinitionMark } from '../helpers/definitions.ts';

let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;
useRig(5, (rig) => ({ browser, base, fetch: apiFetch } = rig));

/** Every metric the Overview names: the KPI tiles, the cohort tiles and the stage panel. */
const ON_OVERVIEW: MetricKey[] = [
  'dau',
  'avgDau',
  'wau',
  'mau',
  'newPlayers',
  'revenue',
  'payingRate',
  'arppu',
  'arpu',
  'retentionD1',
  'retentionD7',
  'retentionD30',
  'payingConversion',
  'stagePlayers',
  'stageChange7d',
  'recentSpend',
  'lostPlayers',
  'revenuePerDay',
];

describe.runIf(haveChromium)('metric definitions on the Overview in Chromium', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`ties every figure to its definition and window in ${lang}, on hover and on keyboard focus`, async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(`${base}/?lang=${lang}`);
      await page.getByTestId('kpi-dau').waitFor({ timeout: 30_000 });
      for (const key of ON_OVERVIEW) await expectDefinitionMark(page, key, lang);
      // The tile labels are the table's names.
      expect(
        await page
          .locator('.tile', { has: page.getByTestId('kpi-revenue') })
          .locator('.label')
          .textContent(),
      ).toContain(metricText('revenue', lang).name);

      // Hovering a mark shows its tip; moving away hides it.
      await page.getByTestId('info-revenue').first().hover();
      await expect.poll(() => page.getByTestId('info-tip-revenue').first().isVisible(), { timeout: 5_000 }).toBe(true);
      await page.mouse.move(0, 0);
      await expect.poll(() => page.getByTestId('info-tip-revenue').first().isVisible(), { timeout: 5_000 }).toBe(false);

      // Reaching a mark with the keyboard shows its tip too; Escape closes it.
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      let focused = '';
      for (let i = 0; i < 60 && focused !== 'info-dau'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
      }
      expect(focused).toBe('info-dau');
      await expect.poll(() => page.getByTestId('info-tip-dau').first().isVisible(), { timeout: 5_000 }).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('info-tip-dau').first().isVisible(), { timeout: 5_000 }).toBe(false);
      await page.close();
    });
  }

  it('shows each tile its change against the previous period and a sparkline, and each stage its change against 7 days before', async () => {
    const api = (await (await apiFetch(`${base}/api/overview`)).json()) as Overview;
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${base}/?lang=en`);
    await page.getByTestId('kpi-dau').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('kpi-revenue-change-value').textContent()).toBe(changeText('en', 'relative', api.previous.changes.revenue).text);
    expect(await page.getByTestId('kpi-retention-d7-change-value').textContent()).toBe(changeText('en', 'points', api.previous.changes.retentionD7).text);
    expect(await page.getByTestId('kpi-dau-spark').getAttribute('aria-label')).toMatch(/^Daily DAU, /);
    for (const c of api.stages.counts)
      expect(await page.getByTestId(`stage-change-${c.stage}`).textContent(), c.stage).toBe(changeText('en', 'relative', c.change).text);
    await page.close();
  });
});
