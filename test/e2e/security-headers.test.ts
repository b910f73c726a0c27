import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../server/securityHeaders.ts';
import { haveChromium, useRig, type SignedBrowser } from '../helpers/browser.ts';

let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;
useRig(5, (rig) => ({ browser, base, fetch: apiFetch } = rig));

const PAGES = ['overview', 'lifecycle', 'retention', 'value', 'models', 'offers', 'launches', 'reports', 'winback', 'players', 'settings', 'health', 'audit'];

describe.runIf(haveChromium)('security headers in Chromium', () => {
  it('serves the page, its assets and the API with the policy and nosniff, and no frame may embed them', async () => {
    for (const path of ['/', '/api/meta']) {
      const res = await apiFetch(`${base}${path}`);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      // Plain HTTP: a browser ignores HSTS there, so it is not sent.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'");
  });

  it('draws every page under the policy without a single violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    for (const name of PAGES) {
      await page.goto(`${base}/?page=${name}&lang=en`);
      await page.locator('main').waitFor({ timeout: 30_000 });
      // Charts and tables come after the data; wait until no request is pending.
      await page.waitForLoadState('networkidle', { timeout: 60_000 });
    }
    // A chart tooltip styles itself while the pointer is over a series.
    await page.goto(`${base}/?page=overview&lang=en`);
    const chart = page.locator('[data-testid="chart-stage-trend"][data-rendered="true"]');
    await chart.waitFor({ timeout: 30_000 });
    const box = await chart.boundingBox();
    if (!box) throw new Error('the stage trend chart has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('[data-testid="chart-stage-trend"] div[style*="position: absolute"]').last().waitFor({ timeout: 15_000 });
    await page.close();
    expect(violations).toEqual([]);
  });
});
