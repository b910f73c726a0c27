import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../contract/enums.ts';
import { en, zh } from '../../web/src/lib/messages/index.ts';
import { haveChromium, useRig, type SignedBrowser } from '../helpers/browser.ts';

let browser: SignedBrowser;
let base: string;
useRig(31, (rig) => ({ browser, base } = rig));

const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };

/** How far the page reaches past the window sideways (0 when nothing makes it scroll sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Stage names in table cells that the browser broke over more than one line (each text node measured alone). */
const brokenStageNames = (page: Page, names: string[]) =>
  page.evaluate((names) => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll('.table td, .table th')) {
      for (const node of cell.childNodes) {
        const text = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '').trim() : '';
        if (!names.includes(text)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) broken.push(text);
      }
    }
    return broken;
  }, names);

/** The navigation's pages for this user, from the links of the (closed) menu. */
const pageKeys = (page: Page) =>
  page.locator('header nav a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('page') ?? ''));

describe.runIf(haveChromium)('phone and tablet layout in Chromium', () => {
  for (const [name, viewport] of [
    ['a phone', PHONE],
    ['a tablet', TABLET],
  ] as const) {
    for (const lang of ['en', 'zh'] as const) {
      it(`fits every page to the width of ${name} in ${lang}: nothing scrolls sideways and no stage name breaks`, async () => {
        const page = await browser.newPage({ viewport });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${base}/?lang=${lang}`);
        await page.getByTestId('menu-toggle').waitFor(WAIT);
        const keys = await pageKeys(page);
        expect(keys.length).toBeGreaterThan(10);
        for (const key of keys) {
          await page.goto(`${base}/?page=${key}&lang=${lang}`);
          // With the other browser files running beside it, a page's first answer can take a while.
          const shown = await page
            .locator('main h1')
            .waitFor({ timeout: 60_000 })
            .then(
              () => true,
              () => false,
            );
          expect(shown, `${key} in ${lang} shows its title; it shows: ${await page.locator('main').textContent()}`).toBe(true);
          await page.waitForLoadState('networkidle', WAIT);
          expect(await sidewaysOverflow(page), `${key} at ${viewport.width} px in ${lang}`).toBe(0);
          const messages = lang === 'zh' ? zh : en;
          expect(
            await brokenStageNames(
              page,
              STAGES.map((s) => messages[`stage.${s}`]),
            ),
            `${key} in ${lang}`,
          ).toEqual([]);
        }
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }

  it('folds the navigation, the language and the user into a menu that opens, navigates and closes', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${base}/?page=overview&lang=en`);
    const toggle = page.getByTestId('menu-toggle');
    const menu = page.getByTestId('app-menu');
    await toggle.waitFor(WAIT);
    expect(await menu.isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // A touch-sized button.
    expect((await toggle.boundingBox())!.height).toBeGreaterThanOrEqual(40);

    await toggle.click();
    await menu.waitFor({ state: 'visible', ...WAIT });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const link = menu.locator('nav a[href*="page=lifecycle"]');
    expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(40);
    await link.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page'), WAIT).toBe('lifecycle');
    await menu.waitFor({ state: 'hidden', ...WAIT });

    // The language switch is in the menu, and Escape closes the menu.
    await toggle.click();
    await page.getByTestId('lang-select').selectOption('zh');
    await expect.poll(() => page.locator('main h1').textContent(), WAIT).toBe('生命周期');
    await page.getByTestId('lang-select').press('Escape');
    await menu.waitFor({ state: 'hidden', ...WAIT });
    expect(await sidewaysOverflow(page)).toBe(0);

    // A wide window shows the bar as it was: no menu button, the links in view.
    await page.setViewportSize({ width: 1400, height: 900 });
    await toggle.waitFor({ state: 'hidden', ...WAIT });
    expect(await page.locator('header nav a[href*="page=overview"]').isVisible()).toBe(true);
    await page.close();
  });

  it('scrolls a wide table inside its card to its last column, keeping the first in view', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${base}/?page=winback&lang=en`);
    const table = page.getByTestId('rescue-list');
    await table.waitFor(WAIT);
    const box = table.locator('xpath=..');
    const widths = await box.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    await box.evaluate((e) => e.scrollTo({ left: e.scrollWidth }));
    const lastHeader = table.locator('thead th').last();
    await lastHeader.scrollIntoViewIfNeeded();
    const last = (await lastHeader.boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(PHONE.width);
    const first = (await table.locator('thead th').first().boundingBox())!;
    expect(first.x).toBeGreaterThanOrEqual(0);
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.close();
  });
});
