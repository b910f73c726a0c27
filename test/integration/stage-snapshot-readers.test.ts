import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../server/days.ts';
import { exec } from '../../server/db/query.ts';
import { stageSourceOn } from '../../server/lifecycle/stageSource.ts';
import { refreshModels } from '../../server/models/refresh.ts';
import { DEFAULT_OFFERS } from '../../server/offers/defaults.ts';
import { audienceMembers } from '../../server/queries/offers/audienceMembers.ts';
import { manyAudienceTotals } from '../../server/queries/offers/manyAudienceTotals.ts';
import type { StageSource } from '../../server/queries/stages/stagesOn.ts';
import { stageScores } from '../../server/queries/value/stageScores.ts';
import { valueTiers } from '../../server/queries/value/tiers.ts';
import { VALUE_LIST_WHERE, type ValueList } from '../../server/queries/value/valueLists.ts';
import { VALUED_ORDER, valuedPlayers, type ValuedOrder } from '../../server/queries/value/valuedPlayers.ts';
import { rows } from '../../server/db/query.ts';
import { toUnits } from '../../server/money.ts';
import { audienceOptions } from '../../server/offers/audience.ts';
import { type MemberRow, memberOf } from '../../server/queries/offers/audienceMembers.ts';
import { MEMBER_COLUMNS, pricedSql } from '../../server/queries/offers/audienceSql.ts';
import { decidedSql } from '../../server/queries/winback/rescueSql.ts';
import { declining } from '../../server/winback/rescue.ts';
import { decideRescue, winBackRate } from '../../server/winback/rescueRules.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { loadModelGame, MODEL_GAME_END } from '../helpers/modelGame.ts';

/**
 * Every reader of "the stage of a player on a day" answers from the stored
 * snapshot (written by the refresh after the ingest) exactly what the stage
 * view computes directly from the data, on a simulated game with model scores:
 * value tiers, stage scores, every value list in every order, and every
 * default offer's audience (members, cost and expected CLV, model or fallback).
 */
let engine: TestEngine;
beforeAll(async () => {
  engine = await freshEngine();
  await loadModelGame(engine);
  const fit = await refreshModels(engine);
  expect(fit.runs.map((r) => r.status)).toEqual(['ok', 'ok']);
}, 180_000);
afterAll(() => engine?.cleanup());

const DAYS = [MODEL_GAME_END, addDays(MODEL_GAME_END, -40)];
const both = async <T>(read: (source: StageSource) => Promise<T>): Promise<[T, T]> => [await read('snapshot'), await read('view')];

describe('stage snapshot readers', () => {
  it('read the snapshot of every day the refresh wrote', async () => {
    for (const day of DAYS) expect(await stageSourceOn(engine.db, day)).toBe('snapshot');
    expect(await stageSourceOn(engine.db, addDays(MODEL_GAME_END, 1))).toBe('view');
  });

  it.each(DAYS)('value tiers and stage scores on %s', async (asOf) => {
    for (const server of ['', 's02']) {
      const [tiersSnap, tiersView] = await both((source) => valueTiers(engine.db, { asOf, server, source }));
      expect(tiersSnap.length).toBeGreaterThan(1);
      expect(tiersSnap).toEqual(tiersView);
      const [scoresSnap, scoresView] = await both((source) => stageScores(engine.db, { asOf, server, source }));
      expect(scoresSnap.some((s) => Number(s.scored) > 0)).toBe(true);
      expect(scoresSnap).toEqual(scoresView);
    }
  });

  it.each(DAYS)('every value list in every order on %s', async (asOf) => {
    for (const name of Object.keys(VALUE_LIST_WHERE) as ValueList[]) {
      for (const sort of Object.keys(VALUED_ORDER) as ValuedOrder[]) {
        const q = { asOf, server: '', limit: 100, offset: 0, sort };
        const [snap, view] = await both((source) => valuedPlayers(engine.db, name, { ...q, source }));
        expect(snap).toEqual(view);
      }
    }
    const [top] = await both((source) => valuedPlayers(engine.db, 'top_spenders', { asOf, server: '', limit: 5, offset: 0, sort: 'spend', source }));
    expect(top.total).toBeGreaterThan(100);
  });

  it.each(DAYS)("every default offer's audience on %s", async (asOf) => {
    const opts = async (source: StageSource) => ({ ...(await audienceOptions(engine.db, engine.cfg, asOf)), source });
    const [totalsSnap, totalsView] = await both(async (source) => manyAudienceTotals(engine.db, DEFAULT_OFFERS, await opts(source)));
    expect(totalsSnap).toEqual(totalsView);
    // Both CLV sources are exercised: model-priced payers and fallback-priced players.
    expect(totalsSnap.some((t) => t.modelClv > 0)).toBe(true);
    expect(totalsSnap.some((t) => t.fallbackClv > 0)).toBe(true);
    for (const offer of DEFAULT_OFFERS) {
      const [snap, view] = await both(async (source) => audienceMembers(engine.db, offer, await opts(source), 'clv'));
      expect(snap).toEqual(view);
    }
  });

  it('leaves a day whose latest snapshot predates the stored features to the view', async () => {
    const day = DAYS[1]!;
    // A later computation of the day without features, as a snapshot written before they were stored.
    await exec(
      engine.db,
      `INSERT INTO player_stage_daily (day, player_id, server_id, stage, status, tier, config_version, idle_days, spend_r, lifetime_spend, computed_at)
       SELECT day, player_id, server_id, stage, status, tier, config_version, idle_days, spend_r, lifetime_spend, now64(3) + 1
       FROM player_stage_daily WHERE day = {day:Date}`,
      { day },
    );
    expect(await stageSourceOn(engine.db, day)).toBe('view');
    expect(await stageSourceOn(engine.db, DAYS[0]!)).toBe('snapshot');
  });
});

describe('rescue decisions in SQL', () => {
  const COSTS = [
    { kind: 'fixed' as const, fixedCost: '3.0000', spendShare: 0 },
    { kind: 'fixed' as const, fixedCost: '0.0700', spendShare: 0 },
    { kind: 'spend_share' as const, fixedCost: '0', spendShare: 0.07 },
  ];
  it.each([
    ['assumed', 0.15],
    ['assumed', 0.37],
    ['assumed', 1],
    ['assumed', 0],
    ['measured', 0.23],
  ] as const)('decide every declining player as decideRescue does, %s rate %s', async (source, value) => {
    const measured = { source: 'measured' as const, rate: value, ci: null, launchId: 'L', launchOfferId: 'returning-reward' };
    const rate = winBackRate(value, source === 'measured' ? measured : null);
    const assumed = value;
    for (const cost of COSTS) {
      const decided = decidedSql(pricedSql(declining(cost), await audienceOptions(engine.db, engine.cfg, MODEL_GAME_END)), rate);
      const all = await rows<MemberRow & { p_win_back: number; ret_u: string; cost_u: string; clv_u: string; reward_tier: string; decision: string }>(
        engine.db,
        `SELECT ${MEMBER_COLUMNS}, p_win_back, toString(ret_u) AS ret_u, toString(cost_u) AS cost_u, toString(clv_u) AS clv_u, reward_tier, decision
         FROM (${decided.sql})`,
        decided.params,
      );
      expect(all.length).toBeGreaterThan(500);
      const tally = new Set<string>();
      for (const r of all) {
        const m = memberOf(r);
        const d = decideRescue(m, rate, m.cost);
        expect([r.decision, r.reward_tier, BigInt(r.ret_u), BigInt(r.cost_u), BigInt(r.clv_u), r.p_win_back]).toEqual([
          d.decision,
          d.tier,
          toUnits(d.expectedReturn),
          toUnits(d.cost),
          toUnits(m.expectedClv),
          d.pWinBack,
        ]);
        tally.add(`${d.decision}/${d.tier}`);
      }
      // The game reaches both decisions (but at a rate of 0, where nothing comes back).
      if (assumed > 0 && cost.fixedCost !== '3.0000') expect(tally.size).toBeGreaterThan(1);
    }
  });
});
