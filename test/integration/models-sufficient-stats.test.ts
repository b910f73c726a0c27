import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bgnbdStats, gammaGammaStats, holdoutStats, monetarySummaryPerPlayer } from '../../server/queries/models/sufficientStats.ts';
import { HOLDOUT_TOP_BUCKET } from '../../server/models/trust.ts';
import { toModelUnit } from '../../server/models/units.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';

/**
 * Sufficient statistics by hand. GAME_TZ = Asia/Shanghai (UTC+8), so a day is
 * the local day: several events below fall on another day in UTC. Calibration
 * ends 2026-03-10, the holdout runs to 2026-03-20 (inclusive). Server s01
 * unless marked s02. Local days are March 2026.
 *
 * Sessions (local day):
 * | player | calibration days                          | holdout        | after |
 * |--------|-------------------------------------------|----------------|-------|
 * | A      | 1 (02-28T16:30Z and 03-01T10:00Z), 3 (15:59Z), 4 (03-03T16:00Z), 8 | 12, 16 (03-15T20:00Z) | 21 (03-20T17:00Z) |
 * | B      | 6 (03-05T20:00Z)                          |                |       |
 * | C      |                                           | 11 (first ever, 03-10T17:00Z) |  |
 * | D s02  | 6                                         | 20 (23:59 local) |     |
 * | E      | 3 (two sessions, in two files), 9         |                |       |
 * | H      | 1..9                                      | 11, 20         |       |
 * Engagement (x, t_x, T): A (3, 7, 9); B and D (0, 0, 4); E (1, 6, 7); H (8, 8, 9); C left out.
 * In UTC A would be (3, 8, 10): the day column, not the UTC date, decides.
 *
 * Payments (local day: amount):
 * | player | calibration                                        | holdout         | after      |
 * |--------|----------------------------------------------------|-----------------|------------|
 * | A      | 1: 10.00; 2 (03-01T17:00Z): 5.50; 4: 20.00 and -4.00; 10 (03-09T16:30Z): 7.50 | 11 (03-10T16:10Z): 3.00 | |
 * | B      | 6: 4.99 and 0.01; 7: -2.00 (refund only)           | 15: -2.99       |            |
 * | C      |                                                    | 12: 1.00 (first) |           |
 * | D s02  | 2: 30.00; 6 (03-05T23:00Z): 12.00; 8: 18.00       | 20: 9.00        |            |
 * | E      | 3: 8.00 and 2.00 (two files); 5: 6.00              |                 |            |
 * | F s02  | 4 (00:30+08:00): 50.00; 9: 6.00                    |                 | 21 (03-20T16:00Z): 5.00 |
 * | G      | 2: 10.00; 5: 1.00 and -1.00                        |                 |            |
 * | Z      | 3: 0.00; 8: 0.00 (free bundles)                    | 14: 0.00        |            |
 * Monetary (x, t_x, T, zbar): A (3, 9, 9, (5.50 + 16.00 + 7.50) / 3 = 9.6667, where a
 * truncating division would give 9.6666); B (0, 0, 4, none: refund days are not
 * paying days); D (2, 6, 8, 15); E (1, 2, 7, 6); F (1, 5, 6, 6); G (1, 3, 8, 0: a
 * paying day whose refund nets it to zero, so no Gamma-Gamma row); Z (1, 5, 7, 0: a
 * $0.00 payment is a purchase, not a refund); C left out.
 *
 * Holdout actuals by calibration x (players, holdout days):
 * engagement 0: B D (2, 1); 1: E (1, 0); 3: A (1, 2); 7+: H, x = 8 (1, 2).
 * monetary 0: B (1, 0); 1: E F G Z (4, 1); 2: D (1, 1); 3: A (1, 1).
 */
const S02 = { server_id: 's02' };
const FILE_1 = {
  sessions: [
    session('a1', 'A', '2026-02-28T16:30:00Z'),
    session('a2', 'A', '2026-03-01T10:00:00Z'),
    session('a3', 'A', '2026-03-03T15:59:00Z'),
    session('a4', 'A', '2026-03-03T16:00:00Z'),
    session('a5', 'A', '2026-03-08T02:00:00Z'),
    session('a6', 'A', '2026-03-12T01:00:00Z'),
    session('a7', 'A', '2026-03-15T20:00:00Z'),
    session('a8', 'A', '2026-03-20T17:00:00Z'),
    session('b1', 'B', '2026-03-05T20:00:00Z'),
    session('c1', 'C', '2026-03-10T17:00:00Z'),
    session('d1', 'D', '2026-03-06T03:00:00Z', S02),
    session('d2', 'D', '2026-03-20T15:59:00Z', S02),
    session('e1', 'E', '2026-03-03T01:00:00Z'),
  ],
  payments: [
    payment('pa1', 'A', '2026-03-01T12:00:00Z', '10.00'),
    payment('pa2', 'A', '2026-03-01T17:00:00Z', '5.50'),
    payment('pa3', 'A', '2026-03-04T03:00:00Z', '20.00'),
    payment('pa4', 'A', '2026-03-04T09:00:00Z', '-4.00'),
    payment('pa5', 'A', '2026-03-09T16:30:00Z', '7.50'),
    payment('pa6', 'A', '2026-03-10T16:10:00Z', '3.00'),
    payment('pb1', 'B', '2026-03-06T01:00:00Z', '4.99'),
    payment('pb2', 'B', '2026-03-06T14:00:00Z', '0.01'),
    payment('pb3', 'B', '2026-03-07T02:00:00Z', '-2.00'),
    payment('pb4', 'B', '2026-03-15T02:00:00Z', '-2.99'),
    payment('pc1', 'C', '2026-03-12T04:00:00Z', '1.00'),
    payment('pd1', 'D', '2026-03-02T02:00:00Z', '30.00', S02),
    payment('pd2', 'D', '2026-03-05T23:00:00Z', '12.00', S02),
    payment('pd3', 'D', '2026-03-08T10:00:00Z', '18.00', S02),
    payment('pd4', 'D', '2026-03-20T15:00:00Z', '9.00', S02),
    payment('pe1', 'E', '2026-03-03T02:00:00Z', '8.00'),
    payment('pf1', 'F', '2026-03-04T00:30:00+08:00', '50.00', S02),
    payment('pf2', 'F', '2026-03-09T01:00:00Z', '6.00', S02),
    payment('pf3', 'F', '2026-03-20T16:00:00Z', '5.00', S02),
    payment('pg1', 'G', '2026-03-02T03:00:00Z', '10.00'),
    payment('pg2', 'G', '2026-03-05T03:00:00Z', '1.00'),
    payment('pg3', 'G', '2026-03-05T05:00:00Z', '-1.00'),
    payment('pz1', 'Z', '2026-03-03T12:00:00+08:00', '0.00'),
    payment('pz2', 'Z', '2026-03-08T12:00:00+08:00', '0.00'),
    payment('pz3', 'Z', '2026-03-14T12:00:00+08:00', '0.00'),
  ],
};
// A second delivery puts more rows for E's 2026-03-03 into player_daily, which the queries must add up.
const FILE_2 = {
  sessions: [
    session('e2', 'E', '2026-03-03T05:00:00Z'),
    session('e3', 'E', '2026-03-09T12:00:00Z'),
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 20].map((d) => session(`h${d}`, 'H', `2026-03-${String(d).padStart(2, '0')}T10:00:00+08:00`)),
  ],
  payments: [payment('pe2', 'E', '2026-03-03T06:00:00Z', '2.00'), payment('pe3', 'E', '2026-03-05T06:00:00Z', '6.00')],
};

const CAL = { calibrationEnd: '2026-03-10' };
let engine: TestEngine;
beforeAll(async () => {
  engine = await freshEngine({ GAME_TZ: 'Asia/Shanghai' });
  const inbox = path.join(engine.dir, 'inbox');
  for (const [n, file] of [FILE_1, FILE_2].entries()) {
    const run = await engine.ingester.run({
      paths: [writeNdjson(inbox, `sessions_${n}.ndjson`, file.sessions), writeNdjson(inbox, `payments_${n}.ndjson`, file.payments)],
      source: 'cli',
    });
    expect(run.files.map((f) => [f.state, f.rowsQuarantined])).toEqual([
      ['done', 0],
      ['done', 0],
    ]);
  }
});
afterAll(() => engine?.cleanup());

describe('BG/NBD sufficient statistics', () => {
  it('groups engagement days (any session) by (x, t_x, T) in local days', async () => {
    expect(await bgnbdStats(engine.db, { kind: 'engagement', ...CAL })).toEqual([
      { x: 0, t_x_days: 0, T_days: 4, n: 2 },
      { x: 1, t_x_days: 6, T_days: 7, n: 1 },
      { x: 3, t_x_days: 7, T_days: 9, n: 1 },
      { x: 8, t_x_days: 8, T_days: 9, n: 1 },
    ]);
  });

  it('counts purchase days ($0.00 included), never refund-only days', async () => {
    expect(await bgnbdStats(engine.db, { kind: 'monetary', ...CAL })).toEqual([
      { x: 0, t_x_days: 0, T_days: 4, n: 1 },
      { x: 1, t_x_days: 2, T_days: 7, n: 1 },
      { x: 1, t_x_days: 3, T_days: 8, n: 1 },
      { x: 1, t_x_days: 5, T_days: 6, n: 1 },
      { x: 1, t_x_days: 5, T_days: 7, n: 1 },
      { x: 2, t_x_days: 6, T_days: 8, n: 1 },
      { x: 3, t_x_days: 9, T_days: 9, n: 1 },
    ]);
  });

  it('keeps only the activity on one server when asked', async () => {
    expect(await bgnbdStats(engine.db, { kind: 'engagement', ...CAL, server: 's02' })).toEqual([{ x: 0, t_x_days: 0, T_days: 4, n: 1 }]);
    expect(await bgnbdStats(engine.db, { kind: 'monetary', ...CAL, server: 's02' })).toEqual([
      { x: 1, t_x_days: 5, T_days: 6, n: 1 },
      { x: 2, t_x_days: 6, T_days: 8, n: 1 },
    ]);
  });

  it('converts day counts to the weekly model unit', async () => {
    expect(toModelUnit(await bgnbdStats(engine.db, { kind: 'engagement', ...CAL }), 'week')).toEqual([
      { x: 0, t_x: 0, T: 4 / 7, n: 2 },
      { x: 1, t_x: 6 / 7, T: 1, n: 1 },
      { x: 3, t_x: 1, T: 9 / 7, n: 1 },
      { x: 8, t_x: 8 / 7, T: 9 / 7, n: 1 },
    ]);
  });
});

describe('Gamma-Gamma sufficient statistics', () => {
  it('groups repeat payers by (x, mean revenue of the repeat days), rounded not truncated', async () => {
    expect(await gammaGammaStats(engine.db, CAL)).toEqual([
      { x: 1, zbar: 6, n: 2 },
      { x: 2, zbar: 15, n: 1 },
      { x: 3, zbar: 9.6667, n: 1 },
    ]);
    expect(await gammaGammaStats(engine.db, { ...CAL, server: 's02' })).toEqual([
      { x: 1, zbar: 6, n: 1 },
      { x: 2, zbar: 15, n: 1 },
    ]);
  });

  it('lists every payer with the exact mean as a decimal string', async () => {
    const byPlayer = Object.fromEntries((await monetarySummaryPerPlayer(engine.db, CAL)).map(({ player_id, ...s }) => [player_id, s]));
    expect(byPlayer).toEqual({
      A: { x: 3, t_x_days: 9, T_days: 9, zbar: '9.6667' },
      B: { x: 0, t_x_days: 0, T_days: 4, zbar: null },
      D: { x: 2, t_x_days: 6, T_days: 8, zbar: '15' },
      E: { x: 1, t_x_days: 2, T_days: 7, zbar: '6' },
      F: { x: 1, t_x_days: 5, T_days: 6, zbar: '6' },
      G: { x: 1, t_x_days: 3, T_days: 8, zbar: '0' },
      Z: { x: 1, t_x_days: 5, T_days: 7, zbar: '0' },
    });
  });
});

describe('holdout actuals', () => {
  const HOLDOUT = { ...CAL, holdoutEnd: '2026-03-20' };
  /** Per calibration x (7 and more in one bucket): players and their holdout transaction days; empty buckets absent. */
  const holdoutActuals = async (q: Parameters<typeof holdoutStats>[1]) => {
    const stats = await holdoutStats(engine.db, q);
    // The calibration side is bgnbdStats' own.
    expect(stats.map(({ holdout: _, ...s }) => s)).toEqual(await bgnbdStats(engine.db, q));
    const buckets = new Map<number, { bucket: number; players: number; actual: number }>();
    for (const s of stats) {
      const bucket = Math.min(s.x, HOLDOUT_TOP_BUCKET);
      const b = buckets.get(bucket) ?? { bucket, players: 0, actual: 0 };
      b.players += s.n;
      b.actual += s.holdout;
      buckets.set(bucket, b);
    }
    return [...buckets.values()].sort((a, b) => a.bucket - b.bucket);
  };

  it('sums holdout engagement days per calibration x, 7 and more in one bucket', async () => {
    expect(await holdoutActuals({ kind: 'engagement', ...HOLDOUT })).toEqual([
      { bucket: 0, players: 2, actual: 1 },
      { bucket: 1, players: 1, actual: 0 },
      { bucket: 3, players: 1, actual: 2 },
      { bucket: 7, players: 1, actual: 2 },
    ]);
  });

  it('sums holdout purchase days ($0.00 included), ignoring refunds and days after the holdout', async () => {
    expect(await holdoutActuals({ kind: 'monetary', ...HOLDOUT })).toEqual([
      { bucket: 0, players: 1, actual: 0 },
      { bucket: 1, players: 4, actual: 1 },
      { bucket: 2, players: 1, actual: 1 },
      { bucket: 3, players: 1, actual: 1 },
    ]);
    expect(await holdoutActuals({ kind: 'monetary', ...HOLDOUT, server: 's02' })).toEqual([
      { bucket: 1, players: 1, actual: 0 },
      { bucket: 2, players: 1, actual: 1 },
    ]);
  });
});
