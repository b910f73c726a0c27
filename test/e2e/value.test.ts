import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../web/src/lib/i18n.ts';
import { haveChromium, useRig, type SignedBrowser } from '../helpers/browser.ts';

let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;
useRig(11, (rig) => ({ browser, base, fetch: apiFetch } = rig));

const api = async (path: string) => (await apiFetch(`${base}${path}`)).json();
const en = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const usd = (amount: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(amount));

describe.runIf(haveChromium)('value and players pages in Chromium', () => {
  it('shows the API revenue shares, tiers and RFM segments, and opens a listed player', async () => {
    const value = await api('/api/value');
    const top = await api('/api/value/lists/top_spenders');
    expect(value.pareto.payers).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?page=value&lang=en`);
    for (const id of ['chart-pareto', 'chart-rfm']) await page.locator(`[data-testid="${id}"][data-rendered="true"] svg`).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('value-top20').textContent()).toBe(`${(Number(value.pareto.top20) * 100).toFixed(1)}% of lifetime spend`);
    const whales = value.tiers.find((x: any) => x.tier === 'whale');
    expect(await page.locator('[data-testid="value-tiers"] tbody tr').first().textContent()).toContain(usd(whales.lifetimeSpend));
    // The RFM segments share out all payers; the table lists every segment in rule order with the API's numbers.
    expect(value.rfm.reduce((n: number, s: any) => n + s.players, 0)).toBe(value.pareto.payers);
    const rfmRows = page.locator('[data-testid="value-rfm"] tbody tr');
    expect(await rfmRows.count()).toBe(value.rfmSegments.length);
    const biggest = [...value.rfm].sort((a: any, b: any) => Number(b.lifetimeSpend) - Number(a.lifetimeSpend))[0];
    const row = rfmRows.nth(value.rfmSegments.indexOf(biggest.segment));
    expect(await row.locator('td').allTextContents()).toEqual([
      translate('en', `rfm.${biggest.segment}` as MessageKey),
      en.format(biggest.players),
      usd(biggest.lifetimeSpend),
      en.format(biggest.avgMonetary),
    ]);

    const rows = page.locator('[data-testid="value-list"] tbody tr');
    await expect.poll(() => rows.count()).toBe(top.players.length);
    const first = top.players[0];
    expect(await rows.first().textContent()).toContain(usd(first.lifetimeSpend));
    await rows.first().getByTestId('player-link').click();
    await page.getByTestId('player-profile').waitFor();
    const url = new URL(page.url()).searchParams;
    expect([url.get('page'), url.get('player')]).toEqual(['players', first.playerId]);
    expect(await page.getByTestId('player-spend').textContent()).toBe(usd(first.lifetimeSpend));
    await page.getByTestId('stage-history').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds players by the start of their id', async () => {
    const top = await api('/api/value/lists/top_spenders?limit=1');
    const prefix = top.players[0].playerId.slice(0, 4);
    const hits = await api(`/api/players?q=${encodeURIComponent(prefix)}`);
    const page = await browser.newPage();
    await page.goto(`${base}/?page=players&lang=en`);
    await page.getByTestId('player-search').fill(prefix);
    const links = page.locator('[data-testid="player-hits"] [data-testid="player-link"]');
    await expect.poll(() => links.allTextContents()).toEqual(hits.players.map((h: any) => h.playerId));
    expect(new URL(page.url()).searchParams.get('q')).toBe(prefix);
    await page.close();
  });
});
