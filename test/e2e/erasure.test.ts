import { describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { haveChromium, useRig, type BrowserRig } from '../helpers/browser.ts';

let rig: BrowserRig;
useRig(31, (r) => (rig = r));

const count = async (ids: string[]) =>
  Number((await rows<{ n: number }>(rig.engine.db, 'SELECT count() AS n FROM sessions WHERE has({ids:Array(String)}, player_id)', { ids }))[0].n);

describe.runIf(haveChromium)('erasure page in Chromium', () => {
  it('refuses a malformed list, asks once more, erases and shows the counts per table, in both languages', async () => {
    const ids = (await rows<{ p: string }>(rig.engine.db, 'SELECT DISTINCT player_id AS p FROM sessions ORDER BY p LIMIT 2')).map((r) => r.p);
    const before = await count(ids);
    expect(before).toBeGreaterThan(0);
    const page = await rig.browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${rig.base}/?page=erasure&lang=en`);

    await page.getByTestId('erasure-ids').fill(`${ids[0]}\nbad\tid\n`);
    await page.getByTestId('erasure-review').click();
    expect(await page.getByTestId('erasure-bad').textContent({ timeout: 10_000 })).toContain('Line 2: control characters');
    expect(await page.getByTestId('erasure-problem').textContent()).toContain('1 malformed ids');
    expect(await page.getByTestId('erasure-confirm').count()).toBe(0);

    await page.getByTestId('erasure-ids').fill(`${ids.join('\n')}\n`);
    await page.getByTestId('erasure-review').click();
    expect(await page.getByTestId('erasure-confirm').textContent({ timeout: 10_000 })).toContain('Erase 2 players?');
    expect(await count(ids)).toBe(before);
    await page.getByTestId('erasure-go').click();
    await page.getByTestId('erasure-running').waitFor({ timeout: 10_000 });
    await page.getByTestId('erasure-result').waitFor({ timeout: 150_000 });
    expect(await page.getByTestId('erasure-physical').textContent()).toContain('Physically removed');
    const cells = await page.getByTestId('erasure-row-sessions').locator('td').allTextContents();
    expect(cells.map((c) => c.trim())).toEqual(['sessions', String(before), '0', '0']);
    expect(await count(ids)).toBe(0);

    await page.goto(`${rig.base}/?page=erasure&lang=zh`);
    expect(await page.locator('h1').textContent({ timeout: 10_000 })).toBe('按请求删除玩家数据');
    expect(errors).toEqual([]);
  }, 240_000);
});
