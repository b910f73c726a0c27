import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfmSegment } from '../../server/value/rfm.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

/**
 * Value on the fixture of test/helpers/lifecycleFixture.ts as of 2026-03-31.
 * Payers by lifetime spend: F 120, G 30, I 15, K 3, B 2 (total 170, 5 payers).
 * Top 1%, 5%, 20% of 5 payers = ceil(0.05), ceil(0.25), ceil(1) = 1 payer: F, 120 / 170 = 0.705882.
 * Tiers: F whale (rank 1); G I K B minnow (ranks .75 .5 .25 0 < .8); six non-payers.
 *
 * RFM (scores by quintile among 5 payers, ties by player id):
 * | payer | last paying day | recency | R | paying days | F | spend | M | segment                          |
 * |-------|-----------------|---------|---|-------------|---|-------|---|----------------------------------|
 * | B     | 03-08           | 23      | 1 | 1           | 1 | 2     | 1 | lost (R 1, F <= 2)               |
 * | F     | 03-28           | 3       | 2 | 2           | 3 | 120   | 5 | at risk (R <= 2, F >= 3)         |
 * | I     | 03-28           | 3       | 3 | 1           | 2 | 15    | 3 | potential (R >= 3, F <= 2)       |
 * | G     | 03-29           | 2       | 4 | 2           | 4 | 30    | 4 | champions (R >= 4, F >= 4)       |
 * | K     | 03-30           | 1       | 5 | 3           | 5 | 3     | 2 | champions                        |
 *
 * Lists: big spenders (whale/dolphin) F; loyal (stable, tenure >= 60, >= 14 active days in 28) none:
 * J is stable with tenure 80 but 10 active days; growth potential (growth, spend R > P) G (20 > 10), I (15 > 0), not H (0);
 * at-risk high value (whale/dolphin in decline) F.
 */
let rig: ApiRig;
const get = (p: string) => rig.get(p);

beforeAll(async () => {
  rig = await startApi(loadLifecycleFixture);
});
afterAll(() => rig?.close());

const ids = (body: any) => body.players.map((p: any) => p.playerId);

describe('value', () => {
  it('gives revenue concentration, tiers and RFM segments', async () => {
    const { body } = await get('/api/value');
    expect(body.asOf).toBe('2026-03-31');
    expect(body.pareto).toEqual({ payers: 5, revenue: '170', top1: '0.705882', top5: '0.705882', top20: '0.705882' });
    expect(body.curve.map((p: any) => [p.payerShare, Number(p.revenueShare.toFixed(4))])).toEqual([
      [0.2, 0.7059], [0.4, 0.8824], [0.6, 0.9706], [0.8, 0.9882], [1, 1],
    ]);
    expect(body.tiers).toEqual([
      { tier: 'minnow', players: 4, revenue: '50' },
      { tier: 'non_payer', players: 6, revenue: '0' },
      { tier: 'whale', players: 1, revenue: '120' },
    ]);
    expect(body.rfm).toEqual([
      { segment: 'at_risk', players: 1, revenue: '120' },
      { segment: 'champions', players: 2, revenue: '33' },
      { segment: 'lost', players: 1, revenue: '2' },
      { segment: 'potential', players: 1, revenue: '15' },
    ]);
  });

  it('lists top spenders and the important-customer lists, biggest spenders first', async () => {
    const top = await get('/api/value/lists/top_spenders?limit=3');
    expect([top.body.total, ids(top.body)]).toEqual([5, ['F', 'G', 'I']]);
    expect(top.body.players[0]).toMatchObject({ playerId: 'F', tier: 'whale', stage: 'decline', payingDays: 2, lifetimeSpend: '120', recentSpend: '20', priorSpend: '100' });
    expect(ids((await get('/api/value/lists/big_spenders')).body)).toEqual(['F']);
    expect(ids((await get('/api/value/lists/loyal')).body)).toEqual([]);
    expect(ids((await get('/api/value/lists/growth_potential')).body)).toEqual(['G', 'I']);
    expect(ids((await get('/api/value/lists/at_risk_high_value')).body)).toEqual(['F']);
  });

  it('looks back to an earlier day and refuses bad input', async () => {
    // By 03-09 only B (2.00 on 03-08) and K (1.00 on 03-05 and 03-06) had paid; F's 100 came on 03-10.
    const early = await get('/api/value?asOf=2026-03-09');
    expect(early.body.pareto).toMatchObject({ payers: 2, revenue: '4' });
    // Before anyone paid: no payers, no shares, and no error.
    const none = await get('/api/value?asOf=2025-12-31');
    expect([none.status, none.body.pareto, none.body.curve, none.body.rfm]).toEqual([200, { payers: 0, revenue: '0', top1: '0', top5: '0', top20: '0' }, [], []]);
    expect((await get('/api/value/lists/whales')).body.error).toMatch(/name must be one of top_spenders/);
    expect((await get('/api/value?asOf=yesterday')).status).toBe(400);
  });
});

describe('rfmSegment', () => {
  it('takes the first matching rule', () => {
    expect([rfmSegment(5, 5, 5), rfmSegment(1, 5, 5), rfmSegment(1, 5, 1), rfmSegment(5, 1, 1), rfmSegment(2, 2, 2), rfmSegment(1, 1, 5)]).toEqual([
      'champions', 'cant_lose', 'at_risk', 'new', 'hibernating', 'lost',
    ]);
  });
});
