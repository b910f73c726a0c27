import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../server/db/query.ts';
import { dailySeries } from '../../server/queries/overview/daily.ts';
import { windowKpis } from '../../server/queries/overview/windowKpis.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

// Hand-worked values from test/helpers/lifecycleFixture.ts; the raw sessions table is the independent check.
let engine: TestEngine;

beforeAll(async () => {
  engine = await freshEngine();
  await loadLifecycleFixture(engine);
});
afterAll(() => engine?.cleanup());

const rawActive = async (from: string, to: string) =>
  Number((await one<{ n: number }>(engine.db, `SELECT uniqExact(player_id) AS n FROM sessions WHERE day BETWEEN {from:Date} AND {to:Date}`, { from, to }))!.n);

describe('one DAU', () => {
  it('gives the same DAU in the window KPIs, the daily_kpi view and the raw sessions, every day', async () => {
    const march = await dailySeries(engine.db, { from: '2026-03-01', to: '2026-03-31', server: '' });
    expect(march).toHaveLength(31);
    for (const d of march) {
      const kpis = await windowKpis(engine.db, { from: d.day, to: d.day, server: '' });
      expect([d.day, Number(kpis.dau)]).toEqual([d.day, Number(d.dau)]);
      expect([d.day, Number(d.dau)]).toEqual([d.day, await rawActive(d.day, d.day)]);
    }
    const byDay = Object.fromEntries(march.map((d) => [d.day, Number(d.dau)]));
    expect([byDay['2026-03-31'], byDay['2026-03-30'], byDay['2026-03-25']]).toEqual([8, 7, 1]);
  });

  it('counts WAU and MAU over the 7 and 30 days ending on the day', async () => {
    const kpis = await windowKpis(engine.db, { from: '2026-03-31', to: '2026-03-31', server: '' });
    expect([Number(kpis.wau), Number(kpis.mau)]).toEqual([8, 10]);
    expect(Number(kpis.wau)).toBe(await rawActive('2026-03-25', '2026-03-31'));
    expect(Number(kpis.mau)).toBe(await rawActive('2026-03-02', '2026-03-31'));
  });

  it('replaced the first versions of the start views from sql/006 at start', async () => {
    const defs = await rows<{ name: string; def: string }>(
      engine.db,
      `SELECT name, as_select AS def FROM system.tables WHERE database = currentDatabase() AND name IN ('player_stage', 'daily_kpi') ORDER BY name`,
    );
    expect(defs.map((d) => d.name)).toEqual(['daily_kpi', 'player_stage']);
    // sql/006 ranks tiers with a window function; the rule builder uses spend cut-offs instead.
    expect(defs[1].def).not.toContain('percent_rank');
    expect(defs[1].def).toContain('whale_cut');
  });
});
