import { describe, expect, it } from 'vitest';
import type { AlertList } from '../../contract/alerts.ts';
import { checkAlerts } from '../../server/alerts/evaluate.ts';
import { haveChromium, useRig, type BrowserRig } from '../helpers/browser.ts';

let rig: BrowserRig;
useRig(35, (r) => (rig = r));

const alerts = async () => (await (await rig.fetch(`${rig.base}/api/alerts`)).json()) as AlertList;

describe.runIf(haveChromium)('alerts in Chromium', () => {
  it('shows an open alert on Data health and the Overview, acknowledging it there removes it from both, and an admin edits the rules', async () => {
    // Two days on the clock without a file: no_new_file fires (limit 6 hours).
    const run = await checkAlerts(rig.engine, new Date(Date.now() + 48 * 3_600_000));
    const fired = run.fired.find((a) => a.rule === 'no_new_file');
    expect(fired).toBeDefined();
    const open = (await alerts()).open;
    expect(open.map((a) => a.alertId)).toContain(fired?.alertId);

    const page = await rig.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const item = page.locator('[data-testid="alert-item"][data-rule="no_new_file"]');

    await page.goto(`${rig.base}/?page=health&lang=en`, { timeout: 30_000 });
    await page.getByTestId('alerts-banner').waitFor({ timeout: 30_000 });
    await item.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('alerts-banner').locator('h2').textContent()).toBe(open.length === 1 ? '1 open alert' : `${open.length} open alerts`);
    expect(await item.getByTestId('alert-text').textContent()).toMatch(/^No new file for 4[89] hours \(limit 6 h\); the last file was loaded /);
    // Each rule's last check is listed, the one that fired among them.
    await expect.poll(() => page.getByTestId('alert-check').count(), { timeout: 30_000 }).toBe(5);
    expect(await page.locator('[data-testid="alert-check"][data-rule="no_new_file"]').getAttribute('data-outcome')).toBe('fired');

    await page.goto(`${rig.base}/?page=overview&lang=zh`, { timeout: 30_000 });
    await item.waitFor({ timeout: 30_000 });
    expect(await item.locator('strong').textContent()).toBe('没有新文件');
    await item.getByTestId('alert-ack').click({ timeout: 30_000 });
    await item.waitFor({ state: 'detached', timeout: 30_000 });

    const after = await alerts();
    expect(after.open.map((a) => a.alertId)).not.toContain(fired?.alertId);
    expect(after.recent.find((a) => a.alertId === fired?.alertId)).toMatchObject({ acknowledgedBy: 'tests-admin' });

    await page.goto(`${rig.base}/?page=health&lang=en`, { timeout: 30_000 });
    await page.getByTestId('alerts-banner').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('alert-item').count(), { timeout: 30_000 }).toBe(after.open.length);
    expect(await item.count()).toBe(0);
    if (after.open.length === 0) expect(await page.getByTestId('alerts-none').textContent()).toBe('No open alert.');

    // An admin changes a rule on the same page: a bad value is refused under its field, a good one saved.
    const hours = page.getByTestId('alert-param-no_new_file-hours');
    await hours.waitFor({ timeout: 30_000 });
    expect(await hours.inputValue()).toBe('6');
    await hours.fill('0.5');
    await page.getByTestId('alert-rules-save').click({ timeout: 30_000 });
    await page.getByTestId('alert-rules-error').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="alert-rule"][data-rule="no_new_file"] .error-text').textContent()).toBe('Must be a whole number.');
    await hours.fill('12');
    await page.getByTestId('alert-rules-save').click({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('alert-rules-saved').textContent({ timeout: 30_000 }), { timeout: 30_000 }).toBe('Saved as version 1.');
    const rules = await (await rig.fetch(`${rig.base}/api/alerts/rules`)).json();
    expect(rules.rules.no_new_file.params).toEqual({ hours: 12, cooldownHours: 6 });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
