import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFERS } from '../../server/offers/defaults.ts';
import { applyScheduleConfig } from '../../server/reports/scheduleConfig.ts';
import { haveChromium, useRig, type BrowserRig, type SignedBrowser } from '../helpers/browser.ts';

let browser: SignedBrowser;
let base: string;
let engine: BrowserRig['engine'];
useRig(12, (rig) => ({ browser, base, engine } = rig));

const WAIT = { timeout: 30_000 };

/** The catalog's own words (the seeded offers, the default schedule, the versions the dashboard saves) in the Chinese UI. */
describe.runIf(haveChromium)('catalog words in Chinese in Chromium', () => {
  it('names the seeded offers, the default schedule and the system versions in Chinese, and links CSV files in Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${base}/?page=offers&lang=zh`);
    const returning = DEFAULT_OFFERS.find((o) => o.offerId === 'returning-reward')!;
    const row = page.getByTestId(`catalog-${returning.offerId}`);
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain(returning.texts.zh?.name);
    const catalog = (await page.getByTestId('catalog-table').textContent()) ?? '';
    for (const o of DEFAULT_OFFERS) expect(catalog, o.offerId).not.toContain(o.name);

    // The default weekly schedule, as a server's start creates it.
    await applyScheduleConfig(engine.db, engine.cfg, () => {});
    await page.goto(`${base}/?page=reports&lang=zh`);
    const schedule = page.getByTestId('schedule-row').first();
    await schedule.waitFor(WAIT);
    expect(await schedule.textContent()).toContain('每周流失报告');
    expect(await schedule.textContent()).not.toContain('Weekly churn report');

    await page.goto(`${base}/?page=settings&lang=zh`);
    const first = page.locator('[data-testid="rules-versions"] tbody tr').last();
    await first.waitFor(WAIT);
    const cells = await first.locator('td').allTextContents();
    expect(cells[1]).toBe('系统');
    expect(cells[3]).toContain('默认规则');
    expect(cells[3]).not.toContain('DESIGN');

    await page.goto(`${base}/?page=value&lang=zh`);
    const csv = page.getByTestId('value-csv');
    await csv.waitFor(WAIT);
    expect(new URL(`${base}${await csv.getAttribute('href')}`).searchParams.get('lang')).toBe('zh');
    expect(errors).toEqual([]);
    await page.close();
  });
});
