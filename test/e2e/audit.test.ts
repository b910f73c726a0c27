import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../contract/audit.ts';
import { haveChromium, useRig, type BrowserRig } from '../helpers/browser.ts';
import { recomputeDone } from '../helpers/rulesRecompute.ts';

let rig: BrowserRig;
useRig(31, (r) => (rig = r));

const api = async <T>(path: string): Promise<T> => (await rig.fetch(`${rig.base}/api/${path}`)).json() as Promise<T>;

describe.runIf(haveChromium)('audit page in Chromium', () => {
  it('shows the trail as the API does, filters it, opens before/after, exports and verifies the chain', async () => {
    // Entries of three kinds: a change with before/after, a sensitive read, a refused request.
    const rules = (await api<{ active: { rules: Record<string, string> } }>('settings/lifecycle')).active.rules;
    const save = await rig.fetch(`${rig.base}/api/settings/lifecycle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: { ...rules, decline_idle_days: String(Number(rules.decline_idle_days) + 1) }, author: 'ana' }),
    });
    expect(save.status).toBe(202);
    // The save recomputes the stage history in the background; the page is read once it is done, so its
    // requests do not queue behind the recompute on a busy machine.
    await recomputeDone(async (path) => ({ body: await api(path.replace(/^\/api\//, '')) }), 120_000);
    const { players } = await api<{ players: { playerId: string }[] }>('players?q=p');
    expect((await rig.fetch(`${rig.base}/api/players/${encodeURIComponent(players[0].playerId)}`)).status).toBe(200);
    expect((await fetch(`${rig.base}/api/offers`, { method: 'POST' })).status).toBe(401);
    const trail = await api<AuditPage>('audit');
    expect(trail.entries.map((e) => e.action)).toEqual(['request.refused', 'player.read', 'rules.save']);

    const page = await rig.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${rig.base}/?page=audit&lang=en`, { timeout: 30_000 });
    await page.getByTestId('audit-table').waitFor({ timeout: 30_000 });
    const rowTexts = () => page.locator('[data-testid^="audit-row-"]').allTextContents();
    await expect.poll(rowTexts, { timeout: 30_000 }).toHaveLength(3);
    const [refused, read, saved] = await rowTexts();
    expect(refused).toContain('anonymous');
    expect(refused).toContain('POST /api/offers');
    expect(refused).toContain('refused');
    expect(read).toContain(trail.entries[1].target);
    expect(read).not.toContain(players[0].playerId);
    expect(saved).toContain('tests-admin');
    expect(saved).toContain('API token');
    expect(await page.getByTestId('audit-range').textContent()).toBe('Entries 1–3 of 3');

    // Before and after of the rules save.
    const seq = trail.entries[2].seq;
    await page.getByTestId(`audit-row-${seq}`).getByRole('button', { name: 'Show' }).click();
    const detail = await page.getByTestId(`audit-detail-${seq}`).textContent({ timeout: 30_000 });
    expect(detail).toContain(`"decline_idle_days": "${rules.decline_idle_days}"`);
    expect(detail).toContain(`"decline_idle_days": "${Number(rules.decline_idle_days) + 1}"`);
    expect(await page.getByTestId(`audit-changed-${seq}`).textContent()).toBe(
      `decline_idle_days: "${rules.decline_idle_days}" → "${Number(rules.decline_idle_days) + 1}"`,
    );

    // Filter by action; the CSV link carries the same filter.
    await page.getByTestId('audit-action').selectOption('player.read');
    await expect.poll(rowTexts, { timeout: 30_000 }).toHaveLength(1);
    expect(await page.getByTestId('audit-csv').getAttribute('href')).toBe('/api/audit.csv?action=player.read&lang=en');

    // A day with no entry: the empty state.
    await page.getByTestId('audit-action').selectOption('');
    await page.getByTestId('audit-to').fill('2020-01-01');
    await expect.poll(() => page.getByTestId('state-empty').textContent(), { timeout: 30_000 }).toContain('No entry matches these filters');

    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent(), { timeout: 30_000 }).toContain('Intact: 3 entries');

    await rig.engine.db.client.command({
      query: `ALTER TABLE audit_log UPDATE actor = 'someone' WHERE seq = ${seq}`,
      clickhouse_settings: { mutations_sync: '2' },
    });
    await page.getByTestId('audit-verify').click();
    await expect
      .poll(() => page.getByTestId('audit-verify-result').textContent(), { timeout: 30_000 })
      .toContain(`Broken at entry ${seq}: the entry was changed after it was written`);

    await page.goto(`${rig.base}/?page=audit&lang=zh`, { timeout: 30_000 });
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('审计');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
