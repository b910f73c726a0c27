import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { rfmSegmentSql } from '../../server/queries/value/rfmSegmentSql.ts';
import { rfmSegment } from '../../server/value/rfm.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import type { TestEngine } from '../helpers/engine.ts';
import { session, writeNdjson } from '../helpers/files.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

/**
 * Value on the fixture of test/helpers/lifecycleFixture.ts as of 2026-03-31,
 * plus two non-paying regulars L and M (below) for the loyal list.
 * Payers by lifetime spend: F 120, G 30, I 15, K 3, B 2 (total 170, 5 payers).
 * Top 1%, 5%, 20% of 5 payers = ceil(0.05), ceil(0.25), ceil(1) = 1 payer: F, 120 / 170 = 0.705882.
 * Tiers: F whale (rank 1); G I K B minnow (ranks .75 .5 .25 0 < .8); eight non-payers (six + L, M).
 *
 * RFM (scores by quintile among 5 payers, ties by player id; segment from the R x F grid of server/value/rfm.ts):
 * | payer | last paying day | recency | R | paying days | F | spend | M | segment        |
 * |-------|-----------------|---------|---|-------------|---|-------|---|----------------|
 * | B     | 03-08           | 23      | 1 | 1           | 1 | 2     | 1 | hibernating    |
 * | F     | 03-28           | 3       | 2 | 2           | 3 | 120   | 5 | at risk        |
 * | I     | 03-28           | 3       | 3 | 1           | 2 | 15    | 3 | about to sleep |
 * | G     | 03-29           | 2       | 4 | 2           | 4 | 30    | 4 | loyal          |
 * | K     | 03-30           | 1       | 5 | 3           | 5 | 3     | 2 | champions      |
 *
 * Loyal = stable, tenure >= 60, active on >= 50% of R + P (14 of 28 days):
 * | player | active days                            | tenure | act P | act R | stage  | loyal             |
 * |--------|----------------------------------------|--------|-------|-------|--------|-------------------|
 * | J      | 01-10, 03-10..03-14, 03-27..03-31      | 80     | 5     | 5     | stable | no (10 < 14)      |
 * | L      | 01-01, every other day 03-04..03-30    | 89     | 7     | 7     | stable | yes (14)          |
 * | M      | as L without 03-30 (idle 3)            | 89     | 7     | 6     | stable | no (13 < 14)      |
 * (L, M: not decline as 7 and 6 > 50% of 7; not growth as 7 and 6 < 125% of 7.)
 *
 * Other lists: big spenders (whale/dolphin) F; growth potential (growth, spend R > P) G (20 > 10), I (15 > 0),
 * not H (0); at-risk high value (whale/dolphin in decline) F.
 */
const EVERY_OTHER_DAY = Array.from({ length: 14 }, (_, i) => `2026-03-${String(4 + 2 * i).padStart(2, '0')}`);
const REGULARS: Record<string, string[]> = {
  L: ['2026-01-01', ...EVERY_OTHER_DAY],
  M: ['2026-01-01', ...EVERY_OTHER_DAY.slice(0, -1)],
};

async function loadFixtureWithRegulars(engine: TestEngine): Promise<void> {
  await loadLifecycleFixture(engine);
  const dir = path.join(engine.dir, 'regulars');
  writeNdjson(
    dir,
    'sessions_regulars.ndjson',
    Object.entries(REGULARS).flatMap(([p, days]) => days.map((d) => session(`s-${p}-${d}`, p, `${d}T12:00:00Z`))),
  );
  await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
}

let rig: ApiRig;
const get = (p: string) => rig.get(p);

beforeAll(async () => {
  rig = await startApi(loadFixtureWithRegulars);
});
afterAll(() => rig?.close());

const ids = (body: any) => body.players.map((p: any) => p.playerId);

describe('value', () => {
  it('gives revenue concentration, tiers and RFM segments', async () => {
    const { body } = await get('/api/value');
    expect(body.asOf).toBe('2026-03-31');
    expect(body.pareto).toEqual({ payers: 5, lifetimeSpend: '170', top1: '0.705882', top5: '0.705882', top20: '0.705882' });
    expect(body.curve.map((p: any) => [p.payerShare, Number(p.revenueShare.toFixed(4))])).toEqual([
      [0.2, 0.7059],
      [0.4, 0.8824],
      [0.6, 0.9706],
      [0.8, 0.9882],
      [1, 1],
    ]);
    expect(body.tiers).toEqual([
      { tier: 'minnow', players: 4, lifetimeSpend: '50' },
      { tier: 'non_payer', players: 8, lifetimeSpend: '0' },
      { tier: 'whale', players: 1, lifetimeSpend: '120' },
    ]);
    expect(body.rfm).toEqual([
      { segment: 'about_to_sleep', players: 1, lifetimeSpend: '15', avgMonetary: 3 },
      { segment: 'at_risk', players: 1, lifetimeSpend: '120', avgMonetary: 5 },
      { segment: 'champions', players: 1, lifetimeSpend: '3', avgMonetary: 2 },
      { segment: 'hibernating', players: 1, lifetimeSpend: '2', avgMonetary: 1 },
      { segment: 'loyal', players: 1, lifetimeSpend: '30', avgMonetary: 4 },
    ]);
    expect(body.rfmSegments[0]).toBe('champions');
  });

  it('lists top spenders with their last paying day, and the important-customer lists, biggest spenders first', async () => {
    const top = await get('/api/value/lists/top_spenders?limit=3');
    expect([top.body.total, ids(top.body)]).toEqual([5, ['F', 'G', 'I']]);
    expect(top.body.players.map((p: any) => p.lastPayDay)).toEqual(['2026-03-28', '2026-03-29', '2026-03-28']);
    expect(top.body.players[0]).toEqual({
      playerId: 'F',
      serverId: 's01',
      stage: 'decline',
      status: 'leaving',
      tier: 'whale',
      tenureDays: 80,
      idleDays: 0,
      payingDays: 2,
      lifetimeSpend: '120',
      recentSpend: '20',
      priorSpend: '100',
      lastPayDay: '2026-03-28',
      // No model has run on this fixture: the score fields are there, empty.
      pAlive: null,
      riskTier: null,
      expectedClv: null,
    });
    const next = await get('/api/value/lists/top_spenders?limit=3&offset=3');
    expect([next.body.total, ids(next.body)]).toEqual([5, ['K', 'B']]);
    expect(ids((await get('/api/value/lists/big_spenders')).body)).toEqual(['F']);
    const loyal = await get('/api/value/lists/loyal');
    expect(loyal.body.players).toMatchObject([{ playerId: 'L', stage: 'stable', tenureDays: 89, idleDays: 1, lifetimeSpend: '0', lastPayDay: null }]);
    expect(ids((await get('/api/value/lists/growth_potential')).body)).toEqual(['G', 'I']);
    expect(ids((await get('/api/value/lists/at_risk_high_value')).body)).toEqual(['F']);
  });

  it('looks back to an earlier day and refuses bad input', async () => {
    // By 03-09 only B (2.00 on 03-08) and K (1.00 on 03-05 and 03-06) had paid; F's 100 came on 03-10.
    const early = await get('/api/value?asOf=2026-03-09');
    expect(early.body.pareto).toMatchObject({ payers: 2, lifetimeSpend: '4' });
    // On 03-20: F 100 (03-10), G 10 (03-11), then B and K with 2 each (id order); K's 03-30 payment is still ahead.
    const top = await get('/api/value/lists/top_spenders?asOf=2026-03-20');
    expect(top.body.players.map((p: any) => [p.playerId, p.lifetimeSpend, p.lastPayDay])).toEqual([
      ['F', '100', '2026-03-10'],
      ['G', '10', '2026-03-11'],
      ['B', '2', '2026-03-08'],
      ['K', '2', '2026-03-06'],
    ]);
    // Before anyone paid: no payers, no shares, and no error.
    const none = await get('/api/value?asOf=2025-12-31');
    expect([none.status, none.body.pareto, none.body.curve, none.body.rfm]).toEqual([
      200,
      { payers: 0, lifetimeSpend: '0', top1: '0', top5: '0', top20: '0' },
      [],
      [],
    ]);
    expect((await get('/api/value/lists/whales')).body.error).toMatch(/name must be one of top_spenders/);
    expect((await get('/api/value?asOf=yesterday')).status).toBe(400);
    expect((await get('/api/value/lists/top_spenders?limit=501')).status).toBe(400);
  });

  it('segments every R x F score pair the same way in SQL as in TypeScript', async () => {
    const cells = await rows<{ r: number; f: number; segment: string }>(
      rig.engine.db,
      `SELECT r, f, ${rfmSegmentSql()} AS segment FROM (SELECT toUInt8(intDiv(number, 5) + 1) AS r, toUInt8(number % 5 + 1) AS f FROM numbers(25)) ORDER BY r, f`,
    );
    expect(cells).toHaveLength(25);
    for (const c of cells) expect([c.r, c.f, c.segment]).toEqual([c.r, c.f, rfmSegment(c.r, c.f)]);
  });
});
