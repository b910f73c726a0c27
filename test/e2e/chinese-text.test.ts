import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { haveChromium, useRig, type BrowserRig, type SignedBrowser } from '../helpers/browser.ts';
import { writeNdjson } from '../helpers/files.ts';

let browser: SignedBrowser;
let base: string;
let engine: BrowserRig['engine'];
useRig(41, (rig) => ({ browser, base, engine } = rig));

const WAIT = { timeout: 60_000 };

/**
 * Visible texts made only of Latin letters (with digits, spaces and punctuation) and no Chinese character:
 * what a Chinese team would read as English. Data and units are not words to translate: player and server
 * ids, currency codes, file names, metric abbreviations and model names.
 */
const latinTexts = (page: Page) =>
  page.evaluate(() => {
    const out = new Set<string>();
    const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (!el || !text || !/[A-Za-z]{2}/.test(text) || /\p{Script=Han}/u.test(text)) continue;
      // Names people gave (users, tokens) and the engine's database are marked translate="no", as the HTML standard has it.
      if (el.closest('code, pre, .mono, [translate="no"], [data-testid="player-link"], option') || el.getClientRects().length === 0) continue;
      out.add(text);
    }
    return [...out];
  });

/** Not words: ids, codes and units that read the same in every language. */
const DATA = [
  /^[ps]\d+$/, // simulated player and server ids
  /^[A-Z]{3}$/, // currency codes
  /^[\w.-]+\.(csv|ndjson|json|html|gz)$/, // file names
  /^(CSV|API|UTC|CLV|ARPU|ARPPU|DAU|WAU|MAU|RFM|ROI|BG\/NBD|sBG|Gamma-Gamma|P\(alive\)|[DW]\d+|v\d+)$/,
  /^CLV = Σ$/, // the start of a formula
];

describe.runIf(haveChromium)('the Chinese dashboard in Chromium', () => {
  it('shows no English on any page', async () => {
    // Bad rows of several kinds, so Data health lists quarantine reasons.
    const inbox = path.join(engine.dir, 'bad');
    const good = Array.from({ length: 8 }, (_, i) =>
      JSON.stringify({ event_id: `g${i}`, player_id: 'p000001', server_id: 's1', ts: '2026-01-02T00:00:00Z', amount: '1.00', currency: 'USD' }),
    );
    // And a file with nothing but bad rows, rejected whole.
    writeNdjson(inbox, 'payments_all_bad.ndjson', ['{"event_id": "x1"', '{"event_id": "x2"']);
    writeNdjson(inbox, 'payments_bad.ndjson', [
      ...good,
      '{"event_id": "b1", "player_id": ',
      JSON.stringify({ event_id: 'b2', player_id: 'p1', server_id: 's1', ts: 'yesterday', amount: '1.00', currency: 'USD' }),
      JSON.stringify({ event_id: 'b3', player_id: 'p1', server_id: 's1', ts: '2026-01-02T00:00:00Z', amount: '1.00', currency: 'XYZ' }),
      JSON.stringify({ event_id: 'b4', server_id: 's1', ts: '2026-01-02T00:00:00Z', amount: '1.00', currency: 'USD' }),
    ]);
    await runIngestAndRefresh(engine, { paths: [inbox], source: 'cli' });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${base}/?lang=zh`);
    const keys = await page
      .locator('header nav a')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('page') ?? ''));
    expect(keys.length).toBeGreaterThan(10);
    const found: string[] = [];
    let seen = 0;
    for (const key of keys) {
      await page.goto(`${base}/?page=${key}&lang=zh`);
      await page.locator('main h1').waitFor(WAIT);
      await page.waitForLoadState('networkidle', WAIT);
      const texts = await latinTexts(page);
      seen += texts.length;
      for (const text of texts) {
        // Amounts read "US$1,234.56" in zh-CN: the currency's sign, not a word.
        const words = text.replace(/-?US\$[\d,.]+/g, '').trim();
        if (/[A-Za-z]{2}/.test(words) && !DATA.some((d) => d.test(words))) found.push(`${key}: ${text}`);
      }
    }
    // The bad rows' reasons and the rejected file are among what was read, in Chinese.
    await page.goto(`${base}/?page=health&lang=zh`);
    await page.getByTestId('quarantine-reasons').waitFor(WAIT);
    const health = (await page.locator('main').textContent()) ?? '';
    for (const words of ['未知币种', '无法解析的 JSON', '整个文件被拒绝']) expect(health).toContain(words);
    console.log(`${keys.length} pages, ${seen} Latin texts\n${found.join('\n')}`);
    expect(found).toEqual([]);
    await page.close();
  });
});
