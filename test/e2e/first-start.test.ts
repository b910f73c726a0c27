import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, WEB_DIST } from '../../server/webBuild.ts';
import { CHROMIUM, haveChromium } from '../helpers/browser.ts';
import { firstStart, type FirstStart } from '../helpers/firstStart.ts';

describe.runIf(haveChromium)('first start in Chromium', () => {
  let browser: Browser;
  let start: FirstStart;
  beforeAll(async () => {
    await ensureWebBuild(() => {});
    // The browser is up before the server starts, so the pages open while the demo is still being prepared.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    start = await firstStart(3000, WEB_DIST);
  });
  afterAll(async () => {
    await browser?.close();
    await start?.stop();
  });

  it('shows the preparation with its progress in both languages, then turns into the dashboard by itself', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The printed one-time link signs in while the demo is being prepared.
    await page.goto(`${start.running.signInLink}&lang=en`);
    const screen = page.getByTestId('preparing');
    await screen.waitFor({ timeout: 30_000 });
    expect(await screen.locator('h1').textContent()).toBe('Preparing the demo');
    expect(await page.getByTestId('preparing-elapsed').textContent()).toMatch(/^Elapsed: \d+:\d\d$/);
    expect(await page.locator('header nav a').count()).toBe(0);
    // The same screen in Simplified Chinese, switched without a reload.
    await page.locator('header select').selectOption('zh');
    await expect.poll(() => screen.locator('h1').textContent()).toBe('正在准备演示数据');
    expect(await page.getByTestId('preparing-elapsed').textContent()).toMatch(/^已用时间：\d+:\d\d$/);
    await page.locator('header select').selectOption('en');
    await expect
      .poll(() => page.locator('[data-testid^="preparing-progress-"]').allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(/\d+ of \d+ (days|files) · \d+%/));
    // A mark on the window: the dashboard must come without a reload.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    await page.getByTestId('kpi-dau').waitFor({ timeout: 120_000 });
    expect(await screen.count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    expect(await page.locator('header nav a').count()).toBeGreaterThan(5);
    const api = await (await start.adminFetch('/api/overview')).json();
    expect(await page.getByTestId('kpi-dau').textContent()).toBe(new Intl.NumberFormat('en-US').format(api.kpis.dau));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("answers every page's first requests from memory: the warmer computed them before the dashboard opened", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, extraHTTPHeaders: { authorization: `Bearer ${start.token}` } });
    const answered: { url: string; cache: string | null }[] = [];
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/') && r.request().method() === 'GET')
        answered.push({ url: `${url.pathname}${url.search}`, cache: r.headers()['x-cache'] ?? null });
    });
    await page.goto(`${start.running.url}/?lang=en`);
    await page.getByTestId('kpi-dau').waitFor({ timeout: 60_000 });
    const links = await page.locator('header nav a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of links) {
      answered.length = 0;
      await page.goto(href);
      await page.waitForLoadState('networkidle', { timeout: 60_000 });
      // Answers without X-Cache are never cached (the session, health, ingest status): they are cheap by design.
      const computedOnOpen = answered.filter((a) => a.cache !== null && a.cache !== 'hit');
      expect(computedOnOpen, href).toEqual([]);
    }
    await page.close();
  });
});
