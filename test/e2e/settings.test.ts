import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/client.ts';
import { haveChromium, useRig, type SignedBrowser } from '../helpers/browser.ts';
import { expectDefinitionMark } from '../helpers/definitions.ts';
import { holdStageWrites } from '../helpers/rulesRecompute.ts';

let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;
let db: Db;
useRig(
  11,
  (rig) =>
    ({
      browser,
      base,
      fetch: apiFetch,
      engine: { db },
    } = rig),
);

const api = async (path: string, body?: object) =>
  (
    await apiFetch(`${base}/api/${path}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined)
  ).json();
const declineOnLastDay = async () => {
  const { flows } = await api('lifecycle/transitions');
  return flows.filter((f: any) => f.to === 'decline').reduce((n: number, f: any) => n + f.players, 0);
};

describe.runIf(haveChromium)('stage rules in Chromium', () => {
  it('a designer changes a threshold, sees the preview move players, saves, follows the recompute, and the Lifecycle page follows', async () => {
    const { active } = await api('settings/lifecycle');
    const draft = { ...active.rules, decline_idle_days: '30', lapsed_idle_days: '45' };
    const expected = await api('settings/lifecycle/preview', { rules: draft });
    const moved = expected.moves.filter((m: any) => m.from !== m.to).reduce((n: number, m: any) => n + m.players, 0);
    expect(moved).toBeGreaterThan(0);
    const declineBefore = await declineOnLastDay();

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?page=settings&lang=en`);
    await page.getByTestId('preview-moved').waitFor();
    expect(await page.getByTestId('preview-moved').textContent()).toBe('The draft moves no player.');

    // An impossible value is refused on its field before anything moves.
    await page.getByTestId('rule-decline_idle_days').fill('30');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('lapsed must mean idle longer than the decline threshold');
    await page.getByTestId('rule-lapsed_idle_days').fill('45');
    await expect.poll(() => page.getByTestId('preview-moved').textContent()).toBe(`${moved.toLocaleString('en-US')} players would change stage`);
    const cell = expected.moves.find((m: any) => m.from === 'decline' && m.to !== 'decline');
    expect(await page.getByTestId(`preview-decline-${cell.to}`).locator('strong').textContent()).toBe(cell.players.toLocaleString('en-US'));

    // The back-test compares both rule sets on the latest day with 28 days of data after it.
    const backtest = await api('settings/lifecycle/backtest', { rules: draft });
    await page.getByTestId('run-backtest').click();
    await page.getByTestId('backtest').waitFor();
    expect(backtest.active.length).toBeGreaterThan(0);
    for (const which of ['active', 'draft'] as const)
      for (const row of backtest[which])
        expect(await page.getByTestId(`backtest-${row.stage}-${which}`).textContent()).toBe(row.players.toLocaleString('en-US'));
    for (const key of ['backtestStillActive', 'backtestRevenuePerPlayer', 'idleReturnShare'] as const) await expectDefinitionMark(page, key, 'en');

    // The stage snapshot writers are held (as by a long ingest refresh): the recompute waits, and the pages show it.
    const release = await holdStageWrites(db);
    await page.getByTestId('rules-author').fill('e2e designer');
    await page.getByTestId('rules-note').fill('decline after 30 idle days');
    await page.getByTestId('rules-save').click();
    await expect
      .poll(() => page.getByTestId('rules-saved').textContent(), { timeout: 30_000 })
      .toBe('Saved version 2; it is being applied to the stage history in the background.');
    // The page reloads the versions after the save: the new one is pending, version 1 stays in force.
    await expect.poll(() => page.getByTestId('rules-versions').textContent(), { timeout: 30_000 }).toContain('decline after 30 idle days');
    expect(await page.getByTestId('rules-version-state').textContent()).toBe('(pending)');
    const banner = /^Stage rules version 2 are being applied: 0% \(0 of (\d+) days\); pages show version 1 until then\.$/;
    await expect.poll(async () => (await page.getByTestId('rules-banner').textContent({ timeout: 30_000 }))?.trim(), { timeout: 30_000 }).toMatch(banner);
    expect(await page.getByTestId('rules-in-force').textContent()).toBe('In force: version 1');
    expect(await page.getByTestId('rules-progress').textContent()).toMatch(
      /Applying version 2: 0% \(0 of \d+ days\)\. Every page shows version 1 until then\./,
    );
    // Every page shows the banner, and still the previous version.
    await page.goto(`${base}/?page=lifecycle&lang=en`);
    await page.getByTestId('lifecycle-count-decline').waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('rules-banner').textContent({ timeout: 30_000 }))?.trim()).toMatch(banner);
    expect(await page.getByTestId('lifecycle-count-decline').textContent()).toBe(declineBefore.toLocaleString('en-US'));
    expect(await declineOnLastDay()).toBe(declineBefore);

    // Let the recompute run: the banner goes, the Lifecycle page reloads under version 2 by itself.
    await release();
    await page.getByTestId('rules-banner').waitFor({ state: 'detached', timeout: 60_000 });
    const declineAfter = await declineOnLastDay();
    expect(declineAfter).toBe(declineBefore - moved);
    await expect
      .poll(() => page.getByTestId('lifecycle-count-decline').textContent({ timeout: 30_000 }), { timeout: 30_000 })
      .toBe(declineAfter.toLocaleString('en-US'));
    await page.goto(`${base}/?page=settings&lang=en`);
    await expect.poll(() => page.getByTestId('rules-in-force').textContent({ timeout: 30_000 }), { timeout: 30_000 }).toBe('In force: version 2');
    expect(await page.getByTestId('rules-progress').textContent()).toContain('Version 2 applied');
    expect(errors).toEqual([]);
    await page.close();
  });
});
