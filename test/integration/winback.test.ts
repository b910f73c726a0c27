import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { createOffer, getOffer, saveOfferVersion } from '../../server/offers/catalog.ts';
import { computeComradePairs, findComrades } from '../../server/winback/comrades.ts';
import { silentLogger } from '../../server/log.ts';
import { launchOffer } from '../../server/launches/launch.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import type { TestEngine } from '../helpers/engine.ts';
import { payment, session, writeNdjson, writeText } from '../helpers/files.ts';

/**
 * A hand-made game of two servers as of D = 2026-03-31 (R = 03-18..03-31,
 * P = 03-04..03-17), one session at 12:00Z per listed day, no model run (so
 * every CLV is the audience fallback: lifetime spend x (active days in R + P)
 * / 28 x 365.25 horizon days / all active days).
 *
 * | player | server | days                                    | pays        | stage, status      | fallback CLV                  |
 * |--------|--------|-----------------------------------------|-------------|--------------------|-------------------------------|
 * | L1     | s01    | 01-01, 02-01, 02-10, 02-20              | 02-10 50.00 | decline, lapsed    | 0 (no days in R + P)          |
 * | L2     | s01    | 01-01, 02-10, 02-25                     |             | decline, lapsed    | 0                             |
 * | L3     | s02    | 01-01, 02-15, 02-16                     |             | decline, lapsed    | 0                             |
 * | A6     | s01    | 01-01, 02-10, 03-04..03-10              | 03-05 36.00 | decline, leaving   | 36 x 91.3125 / 9 = 365.25     |
 * | M1     | s02    | 01-01, 03-04..03-10                     | 03-05 1.60  | decline, leaving   | 1.6 x 91.3125 / 8 = 18.2625   |
 * | M2     | s02    | 01-01, 03-04..03-17                     | 03-05 10.00 | decline, leaving   | 10 x 182.625 / 15 = 121.75    |
 * | A1     | s01    | 01-01, 02-01, 02-10, 02-20, 03-25, 03-26, 03-31 |     | active (3 days in R) |                             |
 * | A2     | s01    | 01-01, 02-10, 02-25, 03-30              |             | active (1)         |                               |
 * | A3     | s01    | 01-01, 02-20, 03-30, 03-31              |             | active (2)         |                               |
 * | A4     | s01    | 01-01, 02-01, 02-10, 02-20, 02-25, 03-28, 03-29 |     | active (2)         |                               |
 * | A5     | s02    | 01-01, 02-15, 02-16, 03-28              |             | active (1)         |                               |
 *
 * The economics' measured factors over the 30 days from 03-01 (R = 02-16..03-01,
 * P = 02-02..02-15): in decline on 03-01 are L1 (idle 9), L3 (13), A6 (19),
 * M1 and M2 (59), A1 and A3 (9), A5 (13); L2, A2, A4 (idle 4, 1 day in R and
 * 1 or 2 in P) are stable. Seen again by 03-31: all but L1, L2, L3, so
 * P(churn | decline) = 2 / 8 = 0.25 (no player is scored: every P(churn) is
 * the stage's). Of the 6 declining non-payers kept, A6, M1, M2 paid:
 * P(convert | decline) = 0.5. The new payers A6, M1, M2 are worth their CLV
 * if kept (no P(alive) to divide out): mean (365.25 + 18.2625 + 121.75) / 3
 * = 168.420833... -> 168.4208, so a declining non-payer is worth
 * 0.5 x 168.4208 = 84.2104 if kept.
 *
 * Rescue (default choice returning-reward: 3.00 a player, assumed rate 15% on
 * P(churn), so P(win back) = 0.15 x 0.25 = 0.0375; tiers by value if back:
 * large from 180 costing 12, medium from 60 costing 6, else small costing 3):
 *   A6 large, 0.0375 x 365.25 = 13.696875 -> 13.6969 > 12: rescue;
 *   M2 medium, 0.0375 x 121.75 = 4.565625 -> 4.5656 <= 6: let go (cost);
 *   L2, L3 (non-payers) medium, 0.0375 x 84.2104 = 3.15789 -> 3.1579 <= 6: let go (cost);
 *   M1 small, 0.0375 x 18.2625 = 0.68484375 -> 0.6848 <= 3: let go (cost);
 *   L1 (a payer with no spend in R + P: CLV 0) small, 0: let go (no value).
 * (The old rule, 0.15 x CLV with P(alive) 1 and non-payers at 0, rescued A6
 * and M2 and let every non-payer go as worthless.)
 *
 * Comrades (shared days in the 28 days up to each lapsed player's last day,
 * ties by the comrade's active days in R):
 *   L1 (02-01, 02-10, 02-20): A1 3 (3 in R), A4 3 (2), A3 1 (2), A2 1 (1) -> A1, A4, A3;
 *   L2 (02-10, 02-25): A4 2 (2), A2 2 (1), A1 1 (A6 shares 02-10 but is not active in R) -> A4, A2, A1;
 *   L3 (02-15, 02-16 on s02): A5 2.
 */
const span = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

const PLAYERS: Record<string, { server: string; days: string[]; pays?: [string, string] }> = {
  L1: { server: 's01', days: ['2026-01-01', '2026-02-01', '2026-02-10', '2026-02-20'], pays: ['2026-02-10', '50.00'] },
  L2: { server: 's01', days: ['2026-01-01', '2026-02-10', '2026-02-25'] },
  L3: { server: 's02', days: ['2026-01-01', '2026-02-15', '2026-02-16'] },
  A6: { server: 's01', days: ['2026-01-01', '2026-02-10', ...span('2026-03-04', '2026-03-10')], pays: ['2026-03-05', '36.00'] },
  M1: { server: 's02', days: ['2026-01-01', ...span('2026-03-04', '2026-03-10')], pays: ['2026-03-05', '1.60'] },
  M2: { server: 's02', days: ['2026-01-01', ...span('2026-03-04', '2026-03-17')], pays: ['2026-03-05', '10.00'] },
  A1: { server: 's01', days: ['2026-01-01', '2026-02-01', '2026-02-10', '2026-02-20', '2026-03-25', '2026-03-26', '2026-03-31'] },
  A2: { server: 's01', days: ['2026-01-01', '2026-02-10', '2026-02-25', '2026-03-30'] },
  A3: { server: 's01', days: ['2026-01-01', '2026-02-20', '2026-03-30', '2026-03-31'] },
  A4: { server: 's01', days: ['2026-01-01', '2026-02-01', '2026-02-10', '2026-02-20', '2026-02-25', '2026-03-28', '2026-03-29'] },
  A5: { server: 's02', days: ['2026-01-01', '2026-02-15', '2026-02-16', '2026-03-28'] },
};

async function loadGame(engine: TestEngine): Promise<void> {
  const dir = path.join(engine.dir, 'winback');
  const entries = Object.entries(PLAYERS);
  writeNdjson(
    dir,
    'sessions_winback.ndjson',
    entries.flatMap(([p, v]) => v.days.map((d) => session(`s-${p}-${d}`, p, `${d}T12:00:00Z`, { server_id: v.server }))),
  );
  writeNdjson(
    dir,
    'payments_winback.ndjson',
    entries.filter(([, v]) => v.pays).map(([p, v]) => payment(`pay-${p}`, p, `${v.pays![0]}T13:00:00Z`, v.pays![1], { server_id: v.server })),
  );
  await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
}

let api: ApiRig;
beforeAll(async () => {
  api = await startApi(loadGame, { API_CACHE_SECONDS: '0', NEW_SERVER_MIN_RETURNING: '1' });
});
afterAll(async () => api?.close());

describe('rescue or let go', () => {
  it('decides every declining player exactly, most expected return first', async () => {
    const r = await api.get('/api/winback/rescue?asOf=2026-03-31');
    expect(r.status).toBe(200);
    expect(r.body.offer).toMatchObject({ offerId: 'returning-reward', cost: { kind: 'fixed', fixedCost: '3' } });
    expect(r.body.rate).toEqual({ rate: 0.15, source: 'assumed', ci: null, launchId: null, launchOfferId: null });
    expect(r.body.choice).toEqual({ version: 0, offerId: 'returning-reward' });
    expect(r.body.decliningPlayers).toBe(6);
    const brief = r.body.players.map((p: any) => [
      p.playerId,
      p.status,
      p.expectedClv,
      p.valueIfKept,
      p.rewardTier,
      p.cost,
      p.expectedReturn,
      p.decision,
      p.reason.code,
    ]);
    expect(brief).toEqual([
      ['A6', 'leaving', '365.2500', '365.2500', 'large', '12.0000', '13.6969', 'rescue', 'rescue'],
      ['M2', 'leaving', '121.7500', '121.7500', 'medium', '6.0000', '4.5656', 'let_go', 'let_go_cost'],
      ['L2', 'lapsed', '0.0000', '84.2104', 'medium', '6.0000', '3.1579', 'let_go', 'let_go_cost'],
      ['L3', 'lapsed', '0.0000', '84.2104', 'medium', '6.0000', '3.1579', 'let_go', 'let_go_cost'],
      ['M1', 'leaving', '18.2625', '18.2625', 'small', '3.0000', '0.6848', 'let_go', 'let_go_cost'],
      ['L1', 'lapsed', '0.0000', '0.0000', 'small', '3.0000', '0.0000', 'let_go', 'let_go_no_value'],
    ]);
    expect(r.body.players[0]).toMatchObject({ serverId: 's01', lifetimeSpend: '36.0000', pAlive: null, pChurn: 0.25, clvSource: 'fallback', pWinBack: 0.0375 });
    expect(r.body.players[0].reason.values).toMatchObject({ pAliveScored: false, rateSource: 'assumed', winBackRate: 0.15, pChurn: 0.25 });
  });

  it('sums each decision and reward tier', async () => {
    const { body } = await api.get('/api/winback/rescue?asOf=2026-03-31');
    const of = (d: string, t: string) => body.summary.find((s: any) => s.decision === d && s.tier === t);
    expect(of('rescue', 'large')).toEqual({
      decision: 'rescue',
      tier: 'large',
      players: 1,
      cost: '12.0000',
      expectedReturn: '13.6969',
      expectedClv: '365.2500',
    });
    // M2, L2, L3: 3 x 6.00; 4.5656 + 2 x 3.1579 = 10.8814; M1 and L1: 2 x 3.00, 0.6848.
    expect(of('let_go', 'medium')).toEqual({
      decision: 'let_go',
      tier: 'medium',
      players: 3,
      cost: '18.0000',
      expectedReturn: '10.8814',
      expectedClv: '121.7500',
    });
    expect(of('let_go', 'small')).toEqual({ decision: 'let_go', tier: 'small', players: 2, cost: '6.0000', expectedReturn: '0.6848', expectedClv: '18.2625' });
    expect(body.summary.reduce((n: number, s: any) => n + s.players, 0)).toBe(6);
  });

  it('filters by decision, sorts and pages', async () => {
    const rescue = await api.get('/api/winback/rescue?asOf=2026-03-31&decision=rescue');
    expect(rescue.body.total).toBe(1);
    expect(rescue.body.players.map((p: any) => p.playerId)).toEqual(['A6']);
    const idle = await api.get('/api/winback/rescue?asOf=2026-03-31&sort=idle&limit=2&offset=1');
    // Idle days: L1 39, L3 43 (02-16), L2 34, A6 21, M1 21, M2 14 -> L3, L1, L2, ...; the page starts at the second.
    expect(idle.body.players.map((p: any) => [p.playerId, p.idleDays])).toEqual([
      ['L1', 39],
      ['L2', 34],
    ]);
    expect(idle.body.total).toBe(6);
  });

  it('answers bad parameters with 400 and a message', async () => {
    for (const q of ['asOf=2026-02-30', 'decision=maybe', 'sort=luck', 'limit=0', 'offset=-1']) {
      const r = await api.get(`/api/winback/rescue?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error).toMatch(/asOf|decision|sort|limit|offset/);
    }
  });
});

describe('new-server planner', () => {
  it('counts each server’s declining and lapsed base, its age and trend, and plans with the default offer', async () => {
    const r = await api.get('/api/winback/servers?asOf=2026-03-31');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ offer: { offerId: 'new-server' }, choice: { version: 0, offerId: 'new-server' }, rate: { rate: 0.08, source: 'assumed' } });
    expect(r.body).toMatchObject({ minReturning: 1, trendDays: 14 });
    const [s01, s02] = r.body.servers;
    // s01: A6 leaving, L1 + L2 lapsed; spend 36 + 50; CLV 365.25; 3 x 2.00 invites; P(churn) 3 x 0.25 = 0.75;
    // value if kept 365.25 + 0 + 84.2104 = 449.4604; at risk 91.3125 + 0 + 21.0526 = 112.3651;
    // returning 0.08 x 0.75 = 0.06 < 1; revenue 0.08 x 112.3651 = 8.989208 -> 8.9892.
    expect(s01).toMatchObject({
      serverId: 's01',
      leaving: 1,
      lapsed: 2,
      population: 3,
      lifetimeSpend: '86.0000',
      expectedClv: '365.2500',
      ageDays: 90,
      expectedCost: '6.0000',
      churnSum: 0.75,
      valueIfKept: '449.4604',
      valueAtRisk: '112.3651',
      expectedRevenue: '8.9892',
      recommendation: 'not_yet',
      reason: { code: 'too_few_returning' },
    });
    expect(s01.expectedReturning).toBeCloseTo(0.06, 12);
    // DAU on s01: R has 8 player-days (A1 3, A2 1, A3 2, A4 2), P 7 (A6): 8/14 against 7/14.
    expect(s01.dauRecent).toBeCloseTo(8 / 14, 12);
    expect(s01.dauPrior).toBeCloseTo(7 / 14, 12);
    expect(s01.trend).toBeCloseTo(8 / 7 - 1, 12);
    // s02: M1 + M2 leaving, L3 lapsed; CLV 18.2625 + 121.75 = 140.0125; value if kept 140.0125 + 84.2104 = 224.2229;
    // at risk 4.565625 -> 4.5656 + 30.4375 + 21.0526 = 56.0557; 0.08 x 56.0557 = 4.484456 -> 4.4845.
    expect(s02).toMatchObject({
      serverId: 's02',
      leaving: 2,
      lapsed: 1,
      lifetimeSpend: '11.6000',
      expectedClv: '140.0125',
      valueIfKept: '224.2229',
      valueAtRisk: '56.0557',
      expectedRevenue: '4.4845',
      ageDays: 90,
    });
    expect(s02.trend).toBeCloseTo(1 / 21 - 1, 12);
  });

  it('follows the chosen offer’s edits: at 50% and 30.00 an invite neither server brings one player back', async () => {
    const found = (await getOffer(api.engine.db, 'new-server'))!;
    const { version: _v, author: _a, note: _n, savedAt: _s, archived: _ar, ...def } = found.offer;
    await saveOfferVersion(
      api.engine.db,
      { ...def, assumedUplift: 0.5, cost: { ...def.cost, fixedCost: '30.0000' } },
      { author: 'test', note: 'planner test' },
    );
    const { body } = await api.get('/api/winback/servers?asOf=2026-03-31');
    const [s01, s02] = body.servers;
    // s01: 0.5 x 0.75 = 0.375 returning < 1; 0.5 x 112.3651 = 56.18255 -> 56.1826 against 3 x 30 = 90.
    expect(s01).toMatchObject({
      expectedRevenue: '56.1826',
      expectedCost: '90.0000',
      net: '-33.8174',
      recommendation: 'not_yet',
      reason: { code: 'too_few_returning' },
    });
    expect(s01.expectedReturning).toBeCloseTo(0.375, 12);
    // s02: 0.5 x 56.0557 = 28.02785 -> 28.0279 against 90.
    expect(s02).toMatchObject({ expectedRevenue: '28.0279', expectedCost: '90.0000', recommendation: 'not_yet' });
    await saveOfferVersion(api.engine.db, def, { author: 'test', note: 'back to the default' });
  });

  it('rejects a bad day', async () => {
    expect((await api.get('/api/winback/servers?asOf=yesterday')).status).toBe(400);
  });
});

describe('find your old comrades', () => {
  const brief = (pairs: any[]) => pairs.map((p) => [p.lapsedId, p.comradeId, p.sharedDays, p.rank]);

  it('pairs lapsed players with the active players who shared their last days on the same server', async () => {
    const r = await api.get('/api/winback/comrades?asOf=2026-03-31');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ basis: 'shared_days', lookbackDays: 28, perLapsed: 3, total: 7, offer: { offerId: 'comrades-referral' } });
    expect(brief(r.body.pairs)).toEqual([
      ['L1', 'A1', 3, 1],
      ['L1', 'A4', 3, 2],
      ['L1', 'A3', 1, 3],
      ['L2', 'A4', 2, 1],
      ['L2', 'A2', 2, 2],
      ['L2', 'A1', 1, 3],
      ['L3', 'A5', 2, 1],
    ]);
    expect(r.body.pairs[0]).toMatchObject({
      lapsedServer: 's01',
      lapsedSpend: '50',
      lapsedIdleDays: 39,
      lapsedLastDay: '2026-02-20',
      lastSharedDay: '2026-02-20',
      comradeActiveDays: 3,
      rewardCost: '2.5',
    });
  });

  it('answers from the pairs stored after the ingest, equal to a direct computation in one chunk or in chunks of one lapsed player, and leaves no scratch rows', async () => {
    const stored = await findComrades(api.engine.db, api.engine.cfg, silentLogger, { asOf: '2026-03-31', limit: 50, offset: 0 });
    expect(stored.state).toBe('ready');
    const run = await rows<{ asOf: string; pairs: number }>(api.engine.db, 'SELECT as_of AS asOf, pairs FROM comrade_runs ORDER BY published_at DESC LIMIT 1');
    expect(run).toEqual([{ asOf: '2026-03-31', pairs: 7 }]);
    const whole = await computeComradePairs(api.engine.db, api.engine.cfg, '2026-03-31');
    const chunked = await computeComradePairs(api.engine.db, api.engine.cfg, '2026-03-31', { lapsedPerChunk: 1 });
    const withoutReward = stored.pairs.map(({ rewardCost, ...p }) => p);
    expect(whole.rows).toEqual(withoutReward);
    expect(chunked.rows).toEqual(withoutReward);
    expect(brief(chunked.rows)).toHaveLength(7);
    const left = await rows<{ n: string }>(
      api.engine.db,
      `SELECT (SELECT count() FROM comrade_lapsed) + (SELECT count() FROM comrade_active_days) + (SELECT count() FROM comrade_recent) + (SELECT count() FROM comrade_lapsed_days) AS n`,
    );
    expect(Number(left[0].n)).toBe(0);
  });

  it('pages the pairs and keeps the total past the end', async () => {
    const p = await api.get('/api/winback/comrades?asOf=2026-03-31&limit=2&offset=2');
    expect(brief(p.body.pairs)).toEqual([
      ['L1', 'A3', 1, 3],
      ['L2', 'A4', 2, 1],
    ]);
    const past = await api.get('/api/winback/comrades?asOf=2026-03-31&offset=50');
    expect(past.body).toMatchObject({ total: 7, pairs: [] });
    expect((await api.get('/api/winback/comrades?limit=501')).status).toBe(400);
  });

  it('rewards with the chosen offer: another referral offer first by id changes nothing until it is chosen', async () => {
    const found = (await getOffer(api.engine.db, 'comrades-referral'))!;
    const { version: _v, author: _a, note: _n, savedAt: _s, archived: _ar, ...def } = found.offer;
    const friend = { ...def, offerId: 'a-comrades', name: 'Bring a friend', cost: { ...def.cost, fixedCost: '1.2500' } };
    await createOffer(api.engine.db, friend, { author: 'test', note: '' });
    const before = await api.get('/api/winback/comrades?asOf=2026-03-31');
    expect(before.body).toMatchObject({ offer: { offerId: 'comrades-referral' }, choice: { version: 0, offerId: 'comrades-referral' } });
    expect(new Set(before.body.pairs.map((p: { rewardCost: string }) => p.rewardCost))).toEqual(new Set(['2.5']));

    const now = (await api.get('/api/winback/choices')).body;
    const res = await api.fetch(`${api.base}/api/winback/choices`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rescueOfferId: now.rescueOfferId, newServerOfferId: now.newServerOfferId, comradesOfferId: 'a-comrades', author: 'test' }),
    });
    expect(res.status).toBe(200);
    const chosen = await api.get('/api/winback/comrades?asOf=2026-03-31');
    expect(chosen.body).toMatchObject({
      offer: { offerId: 'a-comrades', name: 'Bring a friend' },
      choice: { version: now.version + 1, offerId: 'a-comrades' },
    });
    expect(new Set(chosen.body.pairs.map((p: { rewardCost: string }) => p.rewardCost))).toEqual(new Set(['1.25']));
    expect(brief(chosen.body.pairs)).toEqual(brief(before.body.pairs));

    // Disabled, it rewards nothing: the pairs are listed without a reward, and the page names the choice.
    await saveOfferVersion(api.engine.db, { ...friend, enabled: false }, { author: 'test', note: 'paused' });
    const paused = await api.get('/api/winback/comrades?asOf=2026-03-31');
    expect(paused.body).toMatchObject({ offer: null, choice: { offerId: 'a-comrades' }, total: 7 });
    expect(new Set(paused.body.pairs.map((p: { rewardCost: string | null }) => p.rewardCost))).toEqual(new Set([null]));
  });

  it('uses friend links once ingested, quarantining a bad link, and a re-ingest changes nothing', async () => {
    const dir = path.join(api.engine.dir, 'friends');
    // L1's friends: A3 (twice; 2 active days in R), A2 (stored the other way round; 1); L2's only friend A6 is not active; L3's friend A1 plays on s01.
    writeText(
      dir,
      'friends_2026-03.csv',
      'player_id,friend_id,since\nL1,A3,2026-01-02T00:00:00Z\nA2,L1,\nL2,A6,\nA5,A5,\nL3,A1,1767312000000\nL1,A3,\nA4,L2,2026-04-05T00:00:00Z\n',
    );
    const run = await runIngestAndRefresh(api.engine, { paths: [dir], source: 'cli' });
    expect(run.files[0]).toMatchObject({ kind: 'friends', state: 'done', rowsTotal: 7, rowsLoaded: 5, rowsQuarantined: 1, rowsDuplicate: 1 });
    const bad = await rows<{ line: number; reason: string }>(api.engine.db, `SELECT line, reason FROM quarantine WHERE kind = 'friends'`);
    expect(bad).toEqual([{ line: 5, reason: 'friend_id is the player_id itself' }]);

    // A4-L2 dates from after the as-of day, so it does not count.
    const expected = [
      ['L1', 'A3', null, 1],
      ['L1', 'A2', null, 2],
      ['L3', 'A1', null, 1],
    ];
    const r = await api.get('/api/winback/comrades?asOf=2026-03-31');
    expect(r.body).toMatchObject({ basis: 'friends', total: 3 });
    expect(brief(r.body.pairs)).toEqual(expected);

    const again = await runIngestAndRefresh(api.engine, { paths: [dir], source: 'cli' });
    expect(again.files[0].state).toBe('skipped');
    writeText(dir, 'friends_copy.csv', 'player_id,friend_id\nL1,A3\nL3,A1\n');
    const overlap = await runIngestAndRefresh(api.engine, { paths: [path.join(dir, 'friends_copy.csv')], source: 'cli' });
    expect(overlap.files[0]).toMatchObject({ rowsLoaded: 0, rowsDuplicate: 2 });
    expect(brief((await api.get('/api/winback/comrades?asOf=2026-03-31')).body.pairs)).toEqual(expected);
  });
});

describe('a measured win-back rate', () => {
  it('prices rescues with the return-rate uplift of the offer’s newest complete launch', async () => {
    // As of 03-10, idle 7+ declining players are L1, L2, L3, A1..A5; in the 21 days after, the A players return and the L players do not.
    const { launch } = await launchOffer(api.engine.db, api.engine.cfg, {
      offerId: 'returning-reward',
      asOf: '2026-03-10',
      seed: 7,
      windowDays: 21,
      holdoutShare: 0.5,
      webhook: false,
      author: 'test',
      note: 'measure',
      force: false,
    });
    const uplift = await api.get(`/api/launches/${launch.launchId}/uplift`);
    expect(uplift.body.state).toBe('complete');
    // The seed puts 3 of the 8 in treatment, all back, and 5 in holdout, 2 back: 3/3 - 2/5 = 0.6.
    expect([uplift.body.treatment.members, uplift.body.treatment.returned, uplift.body.holdout.members, uplift.body.holdout.returned]).toEqual([3, 3, 5, 2]);
    expect(uplift.body.returnRate.difference).toBeCloseTo(0.6, 12);
    const r = await api.get('/api/winback/rescue?asOf=2026-03-31');
    expect(r.body.rate).toMatchObject({ source: 'measured', launchId: launch.launchId });
    expect(r.body.rate.rate).toBeCloseTo(0.6, 12);
    expect(r.body.rate).toMatchObject({ launchOfferId: 'returning-reward' });
    expect(r.body.rate.ci.low).toBeLessThan(0.6);
    // The measured rate applies to every player alike, on the value if back:
    // A6: 0.6 x 365.25 = 219.15 against the large reward; M1 now pays off too: 0.6 x 18.2625 = 10.9575 > 3;
    // L2: 0.6 x 84.2104 = 50.52624 -> 50.5262 > 6.
    const of = (id: string) => r.body.players.find((p: any) => p.playerId === id);
    expect(of('A6')).toMatchObject({ expectedReturn: '219.1500', decision: 'rescue', reason: { values: { rateSource: 'measured' } } });
    expect(of('M1')).toMatchObject({ expectedReturn: '10.9575', rewardTier: 'small', decision: 'rescue' });
    expect(of('L2')).toMatchObject({ expectedReturn: '50.5262', rewardTier: 'medium', decision: 'rescue' });
  });

  it('a planner choosing the measured offer: 0.6 x 3 = 1.8 return to s01, worth 0.6 x 449.4604 = 269.67624 -> 269.6762 for 3 x 3.00', async () => {
    const res = await api.fetch(`${api.base}/api/winback/choices`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rescueOfferId: 'returning-reward', newServerOfferId: 'returning-reward', comradesOfferId: 'comrades-referral', author: 'test' }),
    });
    expect(res.status).toBe(200);
    const { body } = await api.get('/api/winback/servers?asOf=2026-03-31');
    expect(body.rate).toMatchObject({ source: 'measured' });
    const s01 = body.servers[0];
    expect(s01).toMatchObject({ expectedRevenue: '269.6762', expectedCost: '9.0000', recommendation: 'open', reason: { code: 'open' } });
    expect(s01.expectedReturning).toBeCloseTo(1.8, 12);
  });
});
