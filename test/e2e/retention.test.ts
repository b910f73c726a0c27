import { describe, expect, it } from 'vitest';
import { haveChromium, useRig, type SignedBrowser } from '../helpers/browser.ts';

let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;
useRig(11, (rig) => ({ browser, base, fetch: apiFetch } = rig));

const WAIT = { timeout: 30_000 };
const pct = (v: number) => `${Math.round(v * 100)}%`;

describe.runIf(haveChromium)('retention page in Chromium', () => {
  it('shows the numbers in a table with a legend and an average row, marks the week in progress, and speaks Chinese', async () => {
    const api = await (await apiFetch(`${base}/api/retention`)).json();
    expect(api.cohorts.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?page=retention&lang=en`);
    await page.getByTestId('retention-table').waitFor(WAIT);
    await page.locator('[data-testid="chart-ltv"][data-rendered="true"] svg').waitFor(WAIT);

    // Numbers in the cells, as the API gives them; the legend names the bands and the partial mark.
    const first = api.cohorts[0];
    const firstRow = page.getByTestId(`retention-row-${first.cohort}`);
    const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${first.cohort}T00:00:00Z`));
    expect(await firstRow.locator('th').textContent()).toContain(`${day} (${new Intl.NumberFormat('en-US').format(first.size)})`);
    expect(await firstRow.locator('td').nth(1).textContent()).toBe(pct(first.rates[1]));
    const legend = page.getByTestId('retention-legend');
    expect(await legend.textContent()).toContain('Share retained');
    expect(await page.getByTestId('retention-legend-partial').textContent()).toContain('period not over yet');
    expect(await legend.locator('.swatch').count()).toBe(6);
    const average = page.getByTestId('retention-average');
    expect(await average.locator('th').textContent()).toBe('Average');
    expect(await average.locator('td').nth(1).textContent()).toBe(pct(api.average[1]));
    // The game's data end on 2026-03-31, long past: every day is complete, nothing is marked.
    expect(await page.locator('[data-testid="retention-table"] td[data-partial]').count()).toBe(0);

    const csv = await page.getByTestId('retention-csv').getAttribute('href');
    expect(csv).toBe('/api/retention.csv?grain=day&mode=classic&lang=en');

    // Weekly cohorts: 2026-03-31 is a Tuesday, so each cohort's current week is partial, greyed and starred in its own column.
    const weekly = await (await apiFetch(`${base}/api/retention?grain=week`)).json();
    const partial = weekly.cohorts.filter((c: any) => c.partialPeriod !== null);
    expect(partial.length).toBe(weekly.cohorts.length);
    await page.getByTestId('retention-grain').selectOption('week');
    await expect.poll(() => new URL(page.url()).searchParams.get('grain')).toBe('week');
    await expect.poll(() => page.locator('[data-testid="retention-table"] td[data-partial]').count(), WAIT).toBe(partial.length);
    for (const c of partial.slice(-3)) {
      const cell = page.getByTestId(`retention-row-${c.cohort}`).locator('td').nth(c.partialPeriod);
      expect(await cell.getAttribute('data-partial')).toBe('true');
      expect(await cell.textContent()).toBe(`${pct(c.rates[c.partialPeriod])}*`);
      expect(await cell.getAttribute('title')).toContain('partial period');
    }
    expect(await page.getByTestId('retention-csv').getAttribute('href')).toContain('grain=week');
    // The LTV triangle stars the same cells.
    await expect
      .poll(async () => (await page.locator('[data-testid="chart-ltv"] svg text').allTextContents()).filter((t) => t.endsWith('*')).length, WAIT)
      .toBe(partial.length);

    // The curve view compares the recent cohorts with the average; the heatmap is one click away.
    await page.getByTestId('retention-view-curves').click();
    await page.locator('[data-testid="chart-retention-curves"][data-rendered="true"] svg').waitFor(WAIT);
    expect(await page.locator('[data-testid="chart-retention-curves"] svg text').allTextContents()).toContain('Average');
    await page.getByTestId('retention-view-heatmap').click();
    await page.locator('[data-testid="chart-retention"][data-rendered="true"] svg').waitFor(WAIT);
    await expect.poll(() => page.locator('[data-testid="chart-retention"] svg text').allTextContents(), WAIT).toContain('W12');
    await page.getByTestId('retention-view-table').click();
    await page.getByTestId('retention-table').waitFor(WAIT);

    await page.locator('header select').selectOption('zh');
    await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('留存');
    expect(await page.getByTestId('retention-legend').textContent()).toContain('留存比例');
    expect(await page.getByTestId('retention-legend-partial').textContent()).toContain('该周期尚未结束');
    expect(await page.getByTestId('retention-average').locator('th').textContent()).toBe('平均');
    expect(errors).toEqual([]);
    await page.close();
  });
});
