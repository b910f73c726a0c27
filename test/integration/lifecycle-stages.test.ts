import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { AS_OF, loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

// Expected values are worked out by hand in test/helpers/lifecycleFixture.ts.
let engine: TestEngine;

beforeAll(async () => {
  engine = await freshEngine();
  await loadLifecycleFixture(engine);
});
afterAll(() => engine?.cleanup());

interface StageRow {
  player_id: string;
  stage: string;
  status: string;
  tier: string;
  tenure_days: number;
  idle_days: number;
  active_r: number;
  active_p: number;
  spend_r: string;
  spend_p: string;
}

describe('player_stage view (DESIGN section 6 defaults)', () => {
  it('puts every fixture player in the hand-worked stage, status and tier', async () => {
    const got = await rows<StageRow>(engine.db, `SELECT * FROM player_stage(as_of = {d:Date}) ORDER BY player_id`, { d: AS_OF });
    const brief = Object.fromEntries(got.map((r) => [r.player_id, `${r.stage}/${r.status}/${r.tier}`]));
    expect(brief).toEqual({
      A: 'exploration//non_payer',
      B: 'exploration//minnow',
      C: 'decline/leaving/non_payer',
      D: 'decline/lapsed/non_payer',
      E: 'decline/leaving/non_payer',
      F: 'decline/leaving/whale',
      G: 'growth//minnow',
      H: 'growth//non_payer',
      I: 'growth//minnow',
      J: 'stable//non_payer',
      K: 'decline/leaving/minnow',
    });
  });

  it('computes the window features of the table', async () => {
    const got = await rows<StageRow>(engine.db, `SELECT * FROM player_stage(as_of = {d:Date}) WHERE player_id IN ('B', 'E', 'F', 'K') ORDER BY player_id`, {
      d: AS_OF,
    });
    expect(got.map((r) => [r.player_id, r.tenure_days, r.idle_days, r.active_p, r.active_r, r.spend_p, r.spend_r])).toEqual([
      ['B', 23, 22, 2, 0, '2', '0'],
      ['E', 75, 0, 8, 2, '0', '0'],
      ['F', 80, 0, 5, 5, '100', '20'],
      ['K', 26, 0, 4, 3, '2', '1'],
    ]);
  });

  it('reads thresholds from the newest lifecycle_config version', async () => {
    // Raising the idle threshold to 40 days takes D (idle 39) and C (idle 11) out of the idle rule.
    await engine.db.client.command({ query: `INSERT INTO lifecycle_config (version, note, decline_idle_days) VALUES (2, 'test', 40)` });
    const got = await rows<StageRow>(engine.db, `SELECT player_id, stage FROM player_stage(as_of = {d:Date}) WHERE player_id IN ('C', 'D')`, { d: AS_OF });
    expect(Object.fromEntries(got.map((r) => [r.player_id, r.stage]))).toEqual({ C: 'stable', D: 'stable' });
    await engine.db.client.command({ query: `DELETE FROM lifecycle_config WHERE version = 2` });
  });

  it('computes the same features as a plain per-player aggregation, on every fifth day of the fixture', async () => {
    // The view counts active days with day bits and reads spend from the money rows only;
    // the reference is the direct definition over the rollup (default 14-day windows).
    const features = `player_id, active_r, active_p, toString(spend_r) AS spend_r, toString(spend_p) AS spend_p,
                      toString(lifetime_spend) AS lifetime_spend, paying_days, first_pay_day, tenure_days, idle_days`;
    for (let day = Date.parse('2026-01-03T00:00:00Z'); day <= Date.parse(`${AS_OF}T00:00:00Z`); day += 5 * 86_400_000) {
      const d = new Date(day).toISOString().slice(0, 10);
      const got = await rows(engine.db, `SELECT ${features} FROM player_stage(as_of = {d:Date}) ORDER BY player_id`, { d });
      const want = await rows(
        engine.db,
        `SELECT ${features} FROM (
           SELECT player_id,
                  uniqExactIf(day, sessions > 0 AND day > {d:Date} - 14) AS active_r,
                  uniqExactIf(day, sessions > 0 AND day <= {d:Date} - 14 AND day > {d:Date} - 28) AS active_p,
                  sumIf(revenue, day > {d:Date} - 14) AS spend_r,
                  sumIf(revenue, day <= {d:Date} - 14 AND day > {d:Date} - 28) AS spend_p,
                  sum(revenue) AS lifetime_spend, uniqExactIf(day, payments > 0) AS paying_days,
                  minIf(toNullable(day), payments > 0) AS first_pay_day,
                  dateDiff('day', min(day), {d:Date}) AS tenure_days, dateDiff('day', max(day), {d:Date}) AS idle_days
           FROM player_daily WHERE day <= {d:Date} GROUP BY player_id
         ) ORDER BY player_id`,
        { d },
      );
      expect(got.length, d).toBeGreaterThan(0);
      expect(got, d).toEqual(want);
    }
  });

  it('gives the tiers of percent_rank among payers, ties included, for any percentiles', async () => {
    // The view compares spend with cut-offs instead of ranking every player; the
    // reference here is the plain window-function definition over the same spends.
    const check = async () => {
      const got = await rows<{ player_id: string; tier: string; want: string }>(
        engine.db,
        `SELECT player_id, tier,
                multiIf(lifetime_spend <= 0, 'non_payer', rank >= c.whale_percentile, 'whale', rank >= c.dolphin_percentile, 'dolphin', 'minnow') AS want
         FROM (SELECT player_id, tier, lifetime_spend, percent_rank() OVER (PARTITION BY lifetime_spend > 0 ORDER BY lifetime_spend) AS rank
               FROM player_stage(as_of = {d:Date})) AS s
         CROSS JOIN active_lifecycle_config AS c`,
        { d: AS_OF },
      );
      expect(got.length).toBe(11);
      for (const r of got) expect(r.tier, r.player_id).toBe(r.want);
      return got
        .filter((r) => r.tier !== 'non_payer')
        .map((r) => r.tier)
        .sort();
    };
    expect(await check()).toEqual(['minnow', 'minnow', 'minnow', 'minnow', 'whale']);
    // Five payers: cut-offs at ranks 0.25 and 0.5 land between and on spends.
    await engine.db.client.command({
      query: `INSERT INTO lifecycle_config (version, note, dolphin_percentile, whale_percentile) VALUES (2, 'test', 0.25, 0.5)`,
    });
    expect(await check()).toEqual(['dolphin', 'minnow', 'whale', 'whale', 'whale']);
    await engine.db.client.command({ query: `DELETE FROM lifecycle_config WHERE version = 2` });
  });

  it('snapshots the stage counts of every day with data', async () => {
    const got = await rows<{ stage: string; status: string; players: number }>(
      engine.db,
      `SELECT stage, status, sum(players) AS players FROM stage_daily WHERE day = {d:Date} GROUP BY stage, status ORDER BY stage, status`,
      { d: AS_OF },
    );
    expect(got).toEqual([
      { stage: 'decline', status: 'lapsed', players: 1 },
      { stage: 'decline', status: 'leaving', players: 4 },
      { stage: 'exploration', status: '', players: 2 },
      { stage: 'growth', status: '', players: 3 },
      { stage: 'stable', status: '', players: 1 },
    ]);
    const days = await rows<{ n: number }>(engine.db, `SELECT uniqExact(day) AS n FROM stage_daily`);
    expect(days[0].n).toBe(90); // 2026-01-01 .. 2026-03-31
  });
});
