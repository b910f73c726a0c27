import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../server/db/query.ts';
import { stagesOn } from '../../server/queries/stages/stagesOn.ts';
import { addDays } from '../../server/days.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { loadModelGame, MODEL_GAME_END } from '../helpers/modelGame.ts';

let rig: ApiRig;
const get = (p: string) => rig.get(p);
beforeAll(async () => {
  rig = await startApi(loadModelGame);
});
afterAll(() => rig?.close());

/** A payer and a player with no payment, to look up by id. */
async function someIds(): Promise<{ payer: string; nonPayer: string }> {
  const r = await one<{ payer: string; nonPayer: string }>(
    rig.engine.db,
    `SELECT (SELECT any(player_id) FROM payments) AS payer,
            (SELECT any(player_id) FROM player_daily WHERE player_id NOT IN (SELECT player_id FROM payments)) AS nonPayer`,
  );
  return r!;
}

describe('models API', () => {
  it('has no current model before the first fit, and the profile and lists carry empty scores', async () => {
    const { status, body } = await get('/api/models');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      current: { engagement: null, monetary: null },
      latest: { engagement: null, monetary: null },
      recent: [],
      clv: { monthlyDiscount: 0.01, horizonMonths: 12 },
    });
    expect(body.riskTiers.map((t: any) => t.tier)).toEqual(['gone', 'high', 'medium', 'low']);
    const { payer } = await someIds();
    expect((await get(`/api/players/${payer}`)).body.scores).toBeNull();
    // No refresh has checked the model yet: the default check is made on request.
    expect((await get('/api/models/trust')).body).toMatchObject({ calibrationEnd: addDays(MODEL_GAME_END, -28), withFit: null });
  });

  it('fits on POST /api/models/fit and lists the runs', async () => {
    const fit = await rig.post('/api/models/fit', {});
    expect(fit.status).toBe(200);
    expect(fit.body.asOf).toBe(MODEL_GAME_END);
    expect(fit.body.runs.map((r: any) => [r.kind, r.status])).toEqual([
      ['engagement', 'ok'],
      ['monetary', 'ok'],
    ]);
    const { body } = await get('/api/models');
    expect(body.current.engagement).toMatchObject({ kind: 'engagement', unit: 'day', asOf: MODEL_GAME_END, status: 'ok', players: 5000, scoredPlayers: 5000 });
    expect(Object.keys(body.current.monetary.params)).toEqual(['r', 'alpha', 'a', 'b', 'p', 'q', 'gamma']);
    expect(body.current.monetary.logLikelihood).toBeLessThan(0);
    expect(body.current.monetary.details.clv).toEqual({ monthlyDiscount: 0.01, horizonMonths: 12 });
    expect(body.recent).toHaveLength(2);
  });

  it('puts P(alive), the risk tier and the expected CLV on the player profile', async () => {
    const { payer, nonPayer } = await someIds();
    const p = (await get(`/api/players/${payer}`)).body;
    expect(p.playerId).toBe(payer);
    expect(p.scores).toMatchObject({ engagementAsOf: MODEL_GAME_END, monetaryAsOf: MODEL_GAME_END });
    expect(p.scores.pAlive).toBeGreaterThanOrEqual(0);
    expect(p.scores.pAlive).toBeLessThanOrEqual(1);
    expect(['low', 'medium', 'high', 'gone']).toContain(p.scores.riskTier);
    expect(p.scores.expectedClv).toMatch(/^\d+(\.\d{1,4})?$/);
    const n = (await get(`/api/players/${nonPayer}`)).body.scores;
    expect(n).toMatchObject({ expectedClv: null, expectedSpend: null, monetaryAsOf: null, engagementAsOf: MODEL_GAME_END });
    expect(typeof n.pAlive).toBe('number');
  });

  it('sorts value lists by spend, churn risk or expected CLV, with the scores on each row', async () => {
    const bySpend = (await get('/api/value/lists/top_spenders?limit=100')).body;
    expect(bySpend.sort).toBe('spend');
    const spend = bySpend.players.map((p: any) => Number(p.lifetimeSpend));
    expect(spend).toEqual([...spend].sort((a, b) => b - a));
    const byClv = (await get('/api/value/lists/top_spenders?limit=100&sort=clv')).body;
    expect(byClv.total).toBe(bySpend.total);
    const clv = byClv.players.map((p: any) => Number(p.expectedClv));
    expect(clv.every((v: number) => v > 0)).toBe(true);
    expect(clv).toEqual([...clv].sort((a, b) => b - a));
    const byRisk = (await get('/api/value/lists/top_spenders?limit=500&sort=risk')).body.players;
    const rank = byRisk.map((p: any) => ['gone', 'high', 'medium', 'low'].indexOf(p.riskTier));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    expect(rank[0]).toBe(0);
    expect((await get('/api/value/lists/top_spenders?sort=p_alive')).status).toBe(400);
  });

  it('sums the scores per lifecycle stage on the value page', async () => {
    const { body } = await get('/api/value');
    expect(body.stageScores.map((s: any) => s.stage)).toEqual(['decline', 'exploration', 'growth', 'stable']);
    expect(body.stageScores.reduce((n: number, s: any) => n + s.players, 0)).toBe(5000);
    const byStage = Object.fromEntries(body.stageScores.map((s: any) => [s.stage, s]));
    expect(byStage.stable.meanPAlive).toBeGreaterThan(byStage.decline.meanPAlive);
    expect(Number(byStage.stable.expectedClv)).toBeGreaterThan(0);
    expect(body.stageScores.every((s: any) => s.scored === s.players)).toBe(true);
    // The simulator's bounce players leave after one day: one-time players sit mostly in Decline, counted apart.
    expect(byStage.decline.oneTime).toBeGreaterThan(0);
    expect(body.stageScores.every((s: any) => s.oneTime < s.scored)).toBe(true);
  });

  it('checks the model on a holdout: buckets add up to the players, predictions near the actual transactions', async () => {
    const calibrationEnd = addDays(MODEL_GAME_END, -28);
    const { status, body } = await get(`/api/models/trust?calibrationEnd=${calibrationEnd}&holdoutDays=28&kind=engagement`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'engagement', unit: 'day', calibrationEnd, holdoutDays: 28, holdoutEnd: MODEL_GAME_END, status: 'ok' });
    expect(body.buckets.map((b: any) => b.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(body.buckets.reduce((n: number, b: any) => n + b.players, 0)).toBe(body.players);
    const predicted = body.buckets.reduce((n: number, b: any) => n + b.predicted, 0);
    const actual = body.buckets.reduce((n: number, b: any) => n + b.actual, 0);
    // The simulator's bounce players try the game for a day or three and leave, which BG/NBD
    // (dropout only after a repeat visit) does not allow: it over-predicts, most of all for x = 0.
    // The check is there to show exactly that; here it must be the right size and order.
    expect(predicted / actual).toBeGreaterThan(0.8);
    expect(predicted / actual).toBeLessThan(2);
    const perPlayer = body.buckets.map((b: any) => [b.predicted / b.players, b.actual / b.players]);
    expect(perPlayer.at(-1)[0]).toBeGreaterThan(perPlayer[0][0] * 3);
    expect(perPlayer.at(-1)[1]).toBeGreaterThan(perPlayer[0][1] * 3);
    const monetary = (await get(`/api/models/trust?calibrationEnd=${calibrationEnd}&holdoutDays=28&kind=monetary&unit=week`)).body;
    expect(monetary.buckets.reduce((n: number, b: any) => n + b.players, 0)).toBe(monetary.players);
    expect(body.withFit).toBeNull();
    // Defaults: the check the model refresh made with its fit, 28 holdout days up to its as-of day, read back
    // rather than refitted; the same figures as asked for on request.
    expect((await get('/api/models/trust')).body).toEqual({ ...body, withFit: MODEL_GAME_END });
    expect((await get('/api/models/trust?kind=monetary')).body).toMatchObject({ kind: 'monetary', calibrationEnd, withFit: MODEL_GAME_END });
    // Another unit, holdout or server is not what the refresh checked: made on request.
    expect((await get('/api/models/trust?holdoutDays=14')).body).toMatchObject({ calibrationEnd: addDays(MODEL_GAME_END, -14), withFit: null });
    expect((await get('/api/models/trust?server=s01')).body).toMatchObject({ calibrationEnd, server: 's01', withFit: null });
  });

  it('gives Dwyer CLV per stage x value tier with its inputs', async () => {
    const { status, body } = await get('/api/models/segments');
    expect(status).toBe(200);
    expect(body).toMatchObject({ asOf: MODEL_GAME_END, from: addDays(MODEL_GAME_END, -30), periodDays: 30, discount: 0.01, horizon: 12, currency: 'USD' });
    expect(body.segments.length).toBeGreaterThan(4);
    for (const s of body.segments) {
      expect(s.retention).toBeCloseTo(s.retained / s.players, 12);
      expect(Number(s.margin)).toBeCloseTo(Number(s.revenue) / s.players, 3);
      expect(s.contributions).toHaveLength(12);
      expect(Number(s.clv)).toBeCloseTo(
        s.contributions.reduce((a: number, c: number) => a + c, 0),
        2,
      );
    }
    // Each segment's revenue is its players' rollup revenue over (from, to], summed here independently of the snapshots.
    const paid = await rows<{ tier: string; stage: string; revenue: string }>(
      rig.engine.db,
      `SELECT s.stage AS stage, s.tier AS tier, toString(sum(d.revenue)) AS revenue
       FROM player_daily AS d INNER JOIN ${stagesOn('snapshot', 'from')} AS s ON s.player_id = d.player_id
       WHERE d.day > {from:Date} AND d.day <= {to:Date} AND s.status != 'lost' GROUP BY stage, tier`,
      { from: body.from, to: body.asOf },
    );
    for (const s of body.segments) {
      const r = paid.find((p) => p.stage === s.stage && p.tier === s.tier);
      expect([s.stage, s.tier, Number(s.revenue)]).toEqual([s.stage, s.tier, Number(r?.revenue ?? 0)]);
    }
    // Non-payers on the first day can start paying within the period, so their CLV is small, not zero: below
    // every paying segment large enough to rank (a handful of whales who paid nothing in the period can be 0).
    const nonPayers = body.segments.filter((s: any) => s.tier === 'non_payer').map((s: any) => Number(s.clv));
    const rankedPayers = body.segments.filter((s: any) => s.tier !== 'non_payer' && !s.small).map((s: any) => Number(s.clv));
    expect(Math.max(...nonPayers)).toBeGreaterThan(0);
    expect(rankedPayers.length).toBeGreaterThan(0);
    expect(Math.max(...nonPayers)).toBeLessThan(Math.min(...rankedPayers));
    // Default minimum size 30: smaller segments are flagged and unranked; the others are ranked by CLV, each inside its interval.
    expect(body.minPlayers).toBe(30);
    for (const s of body.segments) {
      expect(s.small).toBe(s.players < 30);
      expect(s.retentionLow).toBeLessThanOrEqual(s.retention);
      expect(s.retentionHigh).toBeGreaterThanOrEqual(s.retention);
      expect(Number(s.clvLow)).toBeLessThanOrEqual(Number(s.clv) + 1e-4);
      expect(Number(s.clvHigh)).toBeGreaterThanOrEqual(Number(s.clv) - 1e-4);
    }
    expect(body.segments.some((s: any) => s.small)).toBe(true);
    const ranked = body.segments.filter((s: any) => s.rank !== null).sort((a: any, b: any) => a.rank - b.rank);
    expect(ranked.map((s: any) => s.rank)).toEqual(ranked.map((_: any, i: number) => i + 1));
    expect(ranked.every((s: any) => !s.small)).toBe(true);
    expect(ranked.map((s: any) => Number(s.clv))).toEqual(ranked.map((s: any) => Number(s.clv)).sort((a: number, b: number) => b - a));
  });

  it('projects recent cohorts with the shifted-beta-geometric model', async () => {
    const { status, body } = await get('/api/models/cohorts?grain=week&cohorts=4&periods=20');
    expect(status).toBe(200);
    expect(body).toMatchObject({ grain: 'week', lastDay: MODEL_GAME_END, horizon: 20, quietPeriods: 2 });
    expect(body.cohorts).toHaveLength(4);
    for (const c of body.cohorts) {
      expect(c.survivors[0]).toBe(c.size);
      expect(c.survivors.length).toBeGreaterThanOrEqual(3);
      expect(c.survivors).toEqual([...c.survivors].sort((a: number, b: number) => b - a));
      expect(c.status).toBe('ok');
      expect(c.projected).toHaveLength(21);
      expect(c.projected[0]).toBe(1);
    }
    const monthly = (await get('/api/models/cohorts')).body;
    expect(monthly.grain).toBe('month');
    // The data start in January: its cohort is the only monthly one with three complete months.
    expect(monthly.cohorts.map((c: any) => [c.cohort, c.survivors.length])).toEqual([['2026-01-01', 3]]);
  });

  it('answers bad input with a 4xx and a message', async () => {
    const bad: [string, RegExp][] = [
      ['/api/models/trust?calibrationEnd=2026-02-30', /calibrationEnd must be a day/],
      ['/api/models/trust?calibrationEnd=9999-12-31', /calibrationEnd must be a day \(YYYY-MM-DD\) from 1970-01-01 to/],
      ['/api/models/trust?kind=sessions', /kind must be one of engagement, monetary/],
      ['/api/models/trust?holdoutDays=0', /holdoutDays must be a whole number from 1 to 365/],
      [`/api/models/trust?calibrationEnd=${addDays(MODEL_GAME_END, -10)}&holdoutDays=28`, /after the last day with data/],
      ['/api/models/trust?unit=month', /unit must be one of day, week/],
      ['/api/models/segments?asOf=2025-01-01', /stage snapshots 30 days apart/],
      ['/api/models/segments?asOf=yesterday', /asOf must be a day/],
      ['/api/models/cohorts?grain=year', /grain must be one of month, week/],
      ['/api/models/cohorts?cohorts=99', /cohorts must be a whole number from 1 to 24/],
    ];
    for (const [path, message] of bad) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error).toMatch(message);
    }
    for (const [body, message] of [
      [{ asOf: '2026-02-30' }, /asOf must be a day/],
      [{ asOf: 20260301 }, /asOf must be a day/],
      [{ unit: 'month' }, /unit must be one of day, week/],
      [{ asOf: '2026-04-30' }, /after the last day with data \(2026-03-31\)/],
    ] as const) {
      const res = await rig.post('/api/models/fit', body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(res.body.error).toMatch(message);
    }
  });
});
