import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeQuery } from '../../contract/overview.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { overview } from '../../server/overview/overview.ts';
import { cohortCounts } from '../../server/queries/overview/cohortCounts.ts';
import { storedCohortCounts } from '../../server/queries/overview/storedCohortCounts.ts';
import { cohortAggregatesReady } from '../../server/retention/aggregatesReady.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';

/**
 * A small game, worked by hand. Range R = 2026-03-08..03-14 (7 days), so the
 * previous period P = 03-01..03-07. Everyone plays on s01.
 *
 *   player  first day  sessions                      payments
 *   A       03-01      03-01, 03-02, 03-08           03-01 10.00, 03-09 5.00
 *   B       03-01      03-01
 *   C       03-07      03-07, 03-08, 03-14           03-14 20.00 (day 7: not a conversion)
 *   D       03-08      03-08, 03-09                  03-14 3.00 (day 6: a conversion)
 *   E       03-10      03-10, 03-12
 *   F       02-01      02-01, 03-05, 03-12           03-05 7.50, 03-12 -2.50 (a refund)
 *   G       02-07      02-07, 03-09 (its day 30)
 *
 * R: DAU on 03-14 = {C} 1; WAU 03-08..14 = {A,C,D,G,E,F} 6; MAU 02-13..03-14 = {A..G} 7;
 *    active 6; paying (a positive payment) {A,C,D} 3; revenue 5+20+3-2.5 = 25.5;
 *    paying rate 3/6 = 0.5; ARPU 25.5/6 = 4.25; ARPPU 25.5/3 = 8.5;
 *    daily DAU 3,2,1,0,2,0,1 → average 9/7 = 1.29, shown 1; new players {D,E} 2.
 * P: DAU on 03-07 = {C} 1; WAU 03-01..07 = {A,B,F,C} 4; MAU 02-06..03-07 = {G,A,B,F,C} 5;
 *    active 4; paying {A,F} 2; revenue 17.5; paying rate 0.5; ARPU 4.375; ARPPU 8.75;
 *    daily DAU 2,1,0,0,1,0,1 → 5/7 = 0.71, shown 1; new players {A,B,C} 3.
 * Changes: DAU 0, average DAU 0, WAU 6/4-1 = 0.5, MAU 7/5-1 = 0.4, new -1/3, active 0.5,
 *    paying 0.5, revenue 25.5/17.5-1 = 0.4571, paying rate 0 points, ARPU and ARPPU 4.25/4.375-1 = -0.0286.
 * Cohort rates of R (cohorts whose day n is in R):
 *    D1: first day 03-07..13 = {C,D,E}, active on day 1: C (03-08), D (03-09) → 2/3
 *    D7: first day 03-01..07 = {A,B,C}, active on day 7: A (03-08), C (03-14) → 2/3
 *    D30: first day 02-06..12 = {G}, G active 03-09 → 1
 *    conversion: first day 03-02..08 = {C,D}, paid on day 0..6: D → 1/2
 * of P: D1: {A,B}, A (03-02) → 1/2; D7: first day 02-22..28, nobody → none;
 *    D30: first day 01-30..02-05 = {F}, not active 03-03 → 0; conversion: first day 02-23..03-01 = {A,B}, A → 1/2.
 * Changes in points: D1 2/3-1/2 = 0.1667, D7 none, D30 1, conversion 0.
 * Stages (default rules): on 03-07 A, B, C are in exploration (tenure < 14) and so is G
 * (tenure 28 < 30, never paid), F in growth (recent spend 7.50 against nothing before).
 * On 03-14 A..E are in exploration, F in growth (its 14 days 03-01..14 hold 7.50 - 2.50 = 5.00),
 * G stable (tenure 35, idle 5, too little activity for growth or decline).
 * Exploration 5 against 4: +25%; growth 1 against 1: 0; stable 1 against 0 and decline 0 against 0: no change to show.
 * Recent spend on 03-14: exploration A 15 + C 20 + D 3 = 38, growth F 5, stable G 0.
 */
let engine: TestEngine;
const R: RangeQuery = { from: '2026-03-08', to: '2026-03-14', server: '' };
const P: RangeQuery = { from: '2026-03-01', to: '2026-03-07', server: '' };

const at = (day: string, hour = 10) => `2026-${day}T${String(hour).padStart(2, '0')}:00:00Z`;
const SESSIONS: [string, string[]][] = [
  ['A', ['03-01', '03-02', '03-08']],
  ['B', ['03-01']],
  ['C', ['03-07', '03-08', '03-14']],
  ['D', ['03-08', '03-09']],
  ['E', ['03-10', '03-12']],
  ['F', ['02-01', '03-05', '03-12']],
  ['G', ['02-07', '03-09']],
];
const PAYMENTS: [string, string, string][] = [
  ['A', '03-01', '10.00'],
  ['A', '03-09', '5.00'],
  ['C', '03-14', '20.00'],
  ['D', '03-14', '3.00'],
  ['F', '03-05', '7.50'],
  ['F', '03-12', '-2.50'],
];

beforeAll(async () => {
  engine = await freshEngine();
  const dir = path.join(engine.dir, 'inbox');
  writeNdjson(
    dir,
    'sessions_small.ndjson',
    SESSIONS.flatMap(([p, days]) => days.map((d) => session(`s-${p}-${d}`, p, at(d)))),
  );
  writeNdjson(
    dir,
    'payments_small.ndjson',
    PAYMENTS.map(([p, d, amount]) => payment(`m-${p}-${d}`, p, at(d, 12), amount)),
  );
  await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
});
afterAll(() => engine?.cleanup());

describe('Overview period comparison on a small game worked by hand', () => {
  it('gives the range, the previous period of the same length and the change of each KPI', async () => {
    const o = await overview(engine.db, R);
    const figures = (k: typeof o.kpis) => ({
      dau: Number(k.dau),
      avgDau: k.avgDau,
      wau: Number(k.wau),
      mau: Number(k.mau),
      newPlayers: k.newPlayers,
      activePlayers: Number(k.activePlayers),
      payingPlayers: Number(k.payingPlayers),
      revenue: Number(k.revenue),
      payingRate: k.payingRate,
      arpu: Number(k.arpu),
      arppu: Number(k.arppu),
    });
    expect(figures(o.kpis)).toEqual({
      dau: 1,
      avgDau: 1,
      wau: 6,
      mau: 7,
      newPlayers: 2,
      activePlayers: 6,
      payingPlayers: 3,
      revenue: 25.5,
      payingRate: 0.5,
      arpu: 4.25,
      arppu: 8.5,
    });
    expect([o.previous.from, o.previous.to]).toEqual([P.from, P.to]);
    expect(figures(o.previous.kpis)).toEqual({
      dau: 1,
      avgDau: 1,
      wau: 4,
      mau: 5,
      newPlayers: 3,
      activePlayers: 4,
      payingPlayers: 2,
      revenue: 17.5,
      payingRate: 0.5,
      arpu: 4.375,
      arppu: 8.75,
    });
    const c = o.previous.changes;
    expect([c.dau, c.avgDau, c.wau, c.activePlayers, c.payingPlayers, c.payingRate]).toEqual([0, 0, 0.5, 0.5, 0.5, 0]);
    expect(c.mau).toBeCloseTo(0.4, 10);
    expect(c.newPlayers).toBeCloseTo(-1 / 3, 10);
    expect(c.revenue).toBeCloseTo(8 / 17.5, 10);
    expect(c.arpu).toBeCloseTo(4.25 / 4.375 - 1, 10);
    expect(c.arppu).toBeCloseTo(8.5 / 8.75 - 1, 10);
  });

  it('gives D1/D7/D30 retention and paying conversion of the cohorts whose day n falls in each period', async () => {
    const o = await overview(engine.db, R);
    expect(o.cohorts.retentionD1).toBeCloseTo(2 / 3, 10);
    expect(o.cohorts.retentionD7).toBeCloseTo(2 / 3, 10);
    expect([o.cohorts.retentionD30, o.cohorts.payingConversion]).toEqual([1, 0.5]);
    expect(o.previous.cohorts).toEqual({ retentionD1: 0.5, retentionD7: null, retentionD30: 0, payingConversion: 0.5 });
    const c = o.previous.changes;
    expect(c.retentionD1).toBeCloseTo(2 / 3 - 1 / 2, 10);
    expect([c.retentionD7, c.retentionD30, c.payingConversion]).toEqual([null, 1, 0]);
    // Another server's view has no cohorts at all.
    const elsewhere = await overview(engine.db, { ...R, server: 's02' });
    expect(elsewhere.cohorts).toEqual({ retentionD1: null, retentionD7: null, retentionD30: null, payingConversion: null });
  });

  it('counts the same from the stored cohort tables as live', async () => {
    expect(await cohortAggregatesReady(engine.db)).toBe(true);
    for (const f of [R, P, { ...R, server: 's01' }, { from: '2026-02-01', to: '2026-03-14', server: '' }]) {
      const stored = await storedCohortCounts(engine.db, f);
      expect(stored, JSON.stringify(f)).toEqual(await cohortCounts(engine.db, f));
    }
    expect(await storedCohortCounts(engine.db, R)).toEqual({ size1: 3, retained1: 2, size7: 3, retained7: 2, size30: 1, retained30: 1, size6: 2, payers6: 1 });
  });

  it('compares the stage counts with 7 days before and names the recent window spend as such', async () => {
    const { stages } = await overview(engine.db, R);
    expect(stages.asOf).toBe('2026-03-14');
    expect(stages.comparedTo).toBe('2026-03-07');
    const byStage = Object.fromEntries(stages.counts.map((s) => [s.stage, [s.players, s.playersBefore, s.change, Number(s.recentSpend)]]));
    expect(byStage.exploration).toEqual([5, 4, 0.25, 38]);
    expect(byStage.growth).toEqual([1, 1, 0, 5]);
    expect(byStage.stable).toEqual([1, 0, null, 0]);
    expect(byStage.decline).toEqual([0, 0, null, 0]);
    expect([stages.lost, stages.lostBefore]).toEqual([0, 0]);
  });
});
