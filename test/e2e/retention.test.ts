import { describe, expect, it } from 'vitest';
import { haveChromium, useRig, type SignedBrowser } from '../helpers/browser.ts';

let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;
useRig(11, (rig) => ({ browser, base, fetch: apiFetch } = rig));

describe.runIf(haveChromium)('retention page in Chromium', () => {
  it('draws both heatmaps with the cohort sizes of the API, switches grain through the URL, and speaks Chinese', async () => {
    const api = await (await apiFetch(`${base}/api/retention`)).json();
    expect(api.cohorts.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?page=retention&lang=en`);
    for (const id of ['chart-retention', 'chart-ltv']) await page.locator(`[data-testid="${id}"][data-rendered="true"] svg`).waitFor({ timeout: 30_000 });

    // Row labels carry each cohort's first day and size, as the API gives them.
    const first = api.cohorts[0];
    const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${first.cohort}T00:00:00Z`));
    const texts = await page.locator('[data-testid="chart-retention"] svg text').allTextContents();
    expect(texts).toContain(`${day} (${new Intl.NumberFormat('en-US').format(first.size)})`);
    expect(texts).toContain('D30');

    const csv = await page.getByTestId('retention-csv').getAttribute('href');
    expect(csv).toBe('/api/retention.csv?grain=day&mode=classic');

    await page.getByTestId('retention-grain').selectOption('week');
    await expect.poll(() => new URL(page.url()).searchParams.get('grain')).toBe('week');
    await expect.poll(() => page.locator('[data-testid="chart-retention"] svg text').allTextContents()).toContain('W12');
    expect(await page.getByTestId('retention-csv').getAttribute('href')).toContain('grain=week');

    await page.locator('header select').selectOption('zh');
    await expect.poll(() => page.locator('h1').textContent()).toBe('留存');
    expect(errors).toEqual([]);
    await page.close();
  });
});
