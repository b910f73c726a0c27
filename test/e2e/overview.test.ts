import { describe, expect, it } from 'vitest';
import { haveChromium, useRig, type SignedBrowser } from '../helpers/browser.ts';
import { expectDefinitionMark } from '../helpers/definitions.ts';

let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;
useRig(7, (rig) => ({ browser, base, fetch: apiFetch } = rig));

describe.runIf(haveChromium)('overview page in Chromium', () => {
  it('draws the simulated game: KPI tiles and charts carry the API numbers', async () => {
    const api = await (await apiFetch(`${base}/api/overview`)).json();
    expect(api.kpis.dau).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?lang=en`);
    for (const id of ['chart-stages', 'chart-stage-trend', 'chart-dau-revenue']) {
      await page.locator(`[data-testid="${id}"][data-rendered="true"] svg`).waitFor({ timeout: 30_000 });
    }
    const en = new Intl.NumberFormat('en-US');
    expect(await page.getByTestId('kpi-dau').textContent()).toBe(en.format(api.kpis.dau));
    expect(await page.getByTestId('kpi-mau').textContent()).toBe(en.format(api.kpis.mau));
    expect(await page.getByTestId('kpi-new-players').textContent()).toBe(en.format(api.kpis.newPlayers));

    // The stage pie labels its sectors with their shares of the API's stage counts.
    const counts: number[] = api.stages.counts.map((c: { players: number }) => c.players);
    const total = counts.reduce((a, b) => a + b, 0);
    const pieText = await page.locator('[data-testid="chart-stages"] svg text').allTextContents();
    const largest = Math.max(...counts);
    expect(pieText).toContain(`${((largest / total) * 100).toFixed(1)}%`);

    // The DAU axis is scaled to the data: its top label is at least the highest DAU of the range.
    const maxDau = Math.max(...api.daily.map((d: { dau: number }) => d.dau));
    const axis = (await page.locator('[data-testid="chart-dau-revenue"] svg text').allTextContents())
      .map((s) => Number(s.replace(/,/g, '').replace(/K$/, '000')))
      .filter((n) => Number.isFinite(n));
    expect(Math.max(...axis)).toBeGreaterThanOrEqual(maxDau);

    // Switching to Simplified Chinese re-labels the page without reloading the numbers.
    await page.locator('header select').selectOption('zh');
    await expect.poll(() => page.locator('[data-testid="chart-stages"] svg text').allTextContents()).toContain('探索期');
    expect(await page.getByTestId('kpi-dau').textContent()).toBe(new Intl.NumberFormat('zh-CN').format(api.kpis.dau));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says in the reader's language which parameter of a shared link is out of range", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/?lang=zh&to=0000-01-01`);
    const state = page.getByTestId('state-error');
    await state.waitFor({ timeout: 30_000 });
    expect(await state.locator('.state-detail').textContent()).toMatch(/^参数 to 必须是 1970-01-01 至 \d{4}-\d{2}-\d{2} 之间的日期（YYYY-MM-DD）。$/);
    await page.goto(`${base}/?lang=en&to=2026-02-30`);
    await expect
      .poll(() => page.getByTestId('state-error').locator('.state-detail').textContent())
      .toMatch(/^to must be a date \(YYYY-MM-DD\) from 1970-01-01 to /);
    await page.close();
  });

  it('shows the ledger and the quarantined rows on the data-health page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/?page=health&lang=en`);
    await page.getByTestId('ledger').waitFor();
    const ledger = await page.getByTestId('ledger').textContent();
    expect(ledger).toContain('sessions_');
    expect(await page.getByTestId('quarantine-reasons').textContent()).toMatch(/missing player_id|unparsable JSON|negative duration/);
    await page.close();
  });

  it('loads a page on its first visit, compressed and cached for good, and says so when a page cannot be loaded', async () => {
    const page = await browser.newPage();
    const scripts: { url: string; encoding?: string; length?: string; cache?: string }[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js') && r.status() === 200)
        scripts.push({ url: r.url(), encoding: r.headers()['content-encoding'], length: r.headers()['content-length'], cache: r.headers()['cache-control'] });
    });
    // The data-health page's chunk is gone, as after a deploy replaced the build this tab was loaded from.
    const healthChunk = /\/assets\/HealthPage-[^/]+\.js$/;
    await page.route(healthChunk, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${base}/?page=health&lang=en`);
    await page.getByText('This page could not be loaded; reload to get the current version of the dashboard.').waitFor({ timeout: 30_000 });
    await page.locator('header select').selectOption('zh');
    await page.getByText('页面加载失败，请刷新以获取最新版本的看板。').waitFor({ timeout: 15_000 });
    // Once the chunk is there again, Retry reloads and the page shows; other pages open as before.
    await page.unroute(healthChunk);
    await page.getByRole('button', { name: '重试' }).click();
    await page.getByTestId('ledger').waitFor({ timeout: 30_000 });
    await page.locator('header nav a', { hasText: '概览' }).click();
    await page.locator('[data-testid="chart-stage-trend"][data-rendered="true"] svg').waitFor({ timeout: 30_000 });
    // Every script came as a hashed, immutable asset, compressed (Chromium asks for gzip over plain HTTP) unless under 1 kB.
    expect(scripts.filter((s) => s.encoding).length).toBeGreaterThan(3);
    for (const s of scripts) {
      expect(s.url, s.url).toMatch(/\/assets\/[^/]+-[\w-]{8,}\.js$/);
      if (!s.encoding) expect(Number(s.length), s.url).toBeLessThan(1024);
      else expect(s.encoding, s.url).toMatch(/^(gzip|br)$/);
      expect(s.cache, s.url).toBe('public, max-age=31536000, immutable');
    }
    await page.close();
  });

  it('shows week-over-week stage transitions and lists the players of a clicked cell', async () => {
    const api = await (await apiFetch(`${base}/api/lifecycle/transitions`)).json();
    const moved = api.flows.filter((f: any) => f.from !== f.to).sort((a: any, b: any) => b.players - a.players)[0];
    expect(moved.players).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${base}/?page=lifecycle&lang=en`);
    await page.locator('[data-testid="chart-transitions"][data-rendered="true"] svg').waitFor({ timeout: 30_000 });
    const en = new Intl.NumberFormat('en-US');
    const onTo = (stage: string) => api.flows.filter((f: any) => f.to === stage).reduce((n: number, f: any) => n + f.players, 0);
    expect(await page.getByTestId('lifecycle-count-decline').textContent()).toBe(en.format(onTo('decline')));
    // The Sankey draws the node labels with their player counts.
    expect(await page.locator('[data-testid="chart-transitions"] svg text').allTextContents()).toContain(`Decline ${en.format(onTo('decline'))}`);
    await expectDefinitionMark(page, 'stageFlow', 'en');
    await page.getByTestId(`cell-${moved.from}-${moved.to}`).click();
    const rows = page.locator('[data-testid="flow-players"] tbody tr');
    await expect.poll(() => rows.count()).toBe(Math.min(50, moved.players));
    expect(new URL(page.url()).searchParams.get('flowFrom')).toBe(moved.from);
    // The lifetime-spend header flips the list to smallest spenders first, kept in the URL.
    const asc = await (await apiFetch(`${base}/api/lifecycle/flow?fromStage=${moved.from}&toStage=${moved.to}&order=asc&limit=1`)).json();
    await page.getByTestId('flow-sort').click();
    await expect.poll(() => rows.first().getByTestId('player-link').textContent()).toBe(asc.players[0].playerId);
    expect(new URL(page.url()).searchParams.get('flowOrder')).toBe('asc');
    // Every listed player opens their profile.
    const first = (await rows.first().getByTestId('player-link').textContent())!;
    await rows.first().getByTestId('player-link').click();
    await page.getByTestId('player-profile').waitFor();
    const profile = await (await apiFetch(`${base}/api/players/${first}`)).json();
    expect(await page.getByTestId('player-spend').textContent()).toBe(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(profile.lifetimeSpend)),
    );
    await page.locator('[data-testid="chart-player-timeline"][data-rendered="true"] svg').waitFor();
    await expect.poll(() => page.locator('[data-testid="player-events"] tbody tr').count()).toBeGreaterThan(0);
    await page.close();
  });
});
