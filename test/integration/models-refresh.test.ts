import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../server/db/query.ts';
import type { FitAnswer } from '../../contract/models.ts';
import { refreshModels } from '../../server/models/refresh.ts';
import { RISK_ORDER, riskTier } from '../../server/models/riskTier.ts';
import { currentModelRuns, recentModelRuns } from '../../server/queries/models/modelRuns.ts';
import { dataDays } from '../../server/queries/stages/dataDays.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { loadModelGame, MODEL_GAME_END } from '../helpers/modelGame.ts';

let engine: TestEngine;
let first: FitAnswer;
beforeAll(async () => {
  engine = await freshEngine();
  await loadModelGame(engine);
  first = await refreshModels(engine);
});
afterAll(() => engine?.cleanup());

const count = async (sql: string, params: Record<string, unknown> = {}) => Number((await one<{ n: number }>(engine.db, sql, params))?.n);

describe('model refresh on a simulated game', () => {
  it('fits both kinds as of the last day and records the runs', async () => {
    expect(first.asOf).toBe(MODEL_GAME_END);
    expect(first.runs.map((r) => [r.kind, r.status])).toEqual([
      ['engagement', 'ok'],
      ['monetary', 'ok'],
    ]);
    const [engagement, monetary] = first.runs;
    expect(Object.keys(engagement.params)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(Object.keys(monetary.params)).toEqual(['r', 'alpha', 'a', 'b', 'p', 'q', 'gamma']);
    for (const r of first.runs) {
      expect(r.logLikelihood).toBeLessThan(0);
      expect(r.triples).toBeGreaterThan(0);
      // How fast the fit is, npm run bench:models measures; here only that the time is recorded.
      expect(r.seconds.fit).toBeGreaterThanOrEqual(0);
    }
    expect((await currentModelRuns(engine.db)).map((r) => r.runId).sort()).toEqual(first.runs.map((r) => r.runId).sort());
  });

  it('scores every player with a session, and every payer, once', async () => {
    const asOf = { asOf: MODEL_GAME_END };
    const players = await count('SELECT uniqExact(player_id) AS n FROM player_daily WHERE sessions > 0 AND day <= {asOf:Date}', asOf);
    const payers = await count('SELECT uniqExact(player_id) AS n FROM payments WHERE amount >= 0 AND day <= {asOf:Date}', asOf);
    expect(players).toBe(5000);
    const [engagement, monetary] = first.runs;
    expect([engagement.players, engagement.scoredPlayers]).toEqual([players, players]);
    expect([monetary.players, monetary.scoredPlayers]).toEqual([payers, payers]);
    const byKind = await rows<{ kind: string; n: number; players: number }>(
      engine.db,
      'SELECT kind, count() AS n, uniqExact(player_id) AS players FROM player_scores GROUP BY kind ORDER BY kind',
    );
    expect(byKind.map((r) => [r.kind, Number(r.n), Number(r.players)])).toEqual([
      ['engagement', players, players],
      ['monetary', payers, payers],
    ]);
  });

  it('gives sensible values: probabilities, ordered expectations, tiers by the documented thresholds, CLV in money', async () => {
    const bad = await count(
      `SELECT count() AS n FROM player_scores
       WHERE NOT (p_alive BETWEEN 0 AND 1 AND expected_30 >= 0 AND expected_90 >= expected_30 AND isFinite(expected_90))`,
    );
    expect(bad).toBe(0);
    const engagement = await rows<{ p_alive: number; expected_30: number; risk_tier: string }>(
      engine.db,
      `SELECT p_alive, expected_30, risk_tier FROM player_scores WHERE kind = 'engagement'`,
    );
    expect(engagement.filter((s) => s.risk_tier !== riskTier(s.p_alive, s.expected_30))).toEqual([]);
    const tiers = new Set(engagement.map((s) => s.risk_tier));
    for (const t of RISK_ORDER) expect(tiers, t).toContain(t);
    const money = await one<{ clv: string; negative: number; spendless: number; types: string }>(
      engine.db,
      `SELECT toString(sum(expected_clv)) AS clv, countIf(expected_clv < 0) AS negative, countIf(expected_spend IS NULL OR expected_clv IS NULL) AS spendless,
              toTypeName(any(expected_clv)) AS types
       FROM player_scores WHERE kind = 'monetary'`,
    );
    expect(Number(money!.clv)).toBeGreaterThan(0);
    expect([Number(money!.negative), Number(money!.spendless), money!.types]).toEqual([0, 0, 'Nullable(Decimal(18, 4))']);
  });

  it('ranks players the way their history says: a regular seen yesterday is less at risk than one gone quiet for weeks', async () => {
    const ranked = await rows<{ idle: string; p_alive: number; expected_30: number }>(
      engine.db,
      `SELECT if(T_days - t_x_days <= 1, 'recent', 'quiet') AS idle, avg(p_alive) AS p_alive, avg(expected_30) AS expected_30
       FROM player_scores WHERE kind = 'engagement' AND x >= 10 AND (T_days - t_x_days <= 1 OR T_days - t_x_days >= 21)
       GROUP BY idle ORDER BY idle`,
    );
    const [quiet, recent] = ranked;
    expect(recent.idle).toBe('recent');
    expect(recent.p_alive).toBeGreaterThan(0.9);
    expect(quiet.p_alive).toBeLessThan(0.5);
    expect(recent.expected_30).toBeGreaterThan(quiet.expected_30 * 3);
  });

  it('records a failed fit and keeps the previous scores', async () => {
    // On the first day of data nobody has a repeat transaction: too few players to fit.
    const { minDay } = await dataDays(engine.db);
    const scoresBefore = await count('SELECT count() AS n FROM player_scores');
    const failed = await refreshModels(engine, { asOf: minDay! });
    expect(failed.runs.map((r) => [r.kind, r.status])).toEqual([
      ['engagement', 'failed'],
      ['monetary', 'failed'],
    ]);
    expect(failed.runs[0].message).toMatch(/^BG\/NBD: too_few_players: 0 players with a repeat transaction, at least 10 needed/);
    // The same as a note the dashboard words, kept with the run.
    expect(failed.runs[0].note).toEqual({
      code: 'fit_unusable',
      values: { model: 'BG/NBD', status: 'too_few_players' },
      cause: { code: 'too_few_repeaters', values: { repeaters: 0, min: 10 } },
    });
    const stored = (await recentModelRuns(engine.db, 2)).find((r) => r.runId === failed.runs[0].runId);
    expect(stored?.note).toEqual(failed.runs[0].note);
    expect(failed.runs.every((r) => r.scoredPlayers === 0)).toBe(true);
    expect(await count('SELECT count() AS n FROM player_scores')).toBe(scoresBefore);
    expect((await currentModelRuns(engine.db)).map((r) => r.runId).sort()).toEqual(first.runs.map((r) => r.runId).sort());
    const recent = await recentModelRuns(engine.db, 4);
    expect(recent.map((r) => r.status)).toEqual(['failed', 'failed', 'ok', 'ok']);
    expect(await count('SELECT count() AS n FROM model_score_triples')).toBe(0);
  });

  it('replaces the scores with the next successful run and drops the older ones', async () => {
    const second = await refreshModels(engine, { unit: 'week' });
    expect(second.runs.map((r) => r.status)).toEqual(['ok', 'ok']);
    const runIds = await rows<{ run_id: string }>(engine.db, 'SELECT DISTINCT run_id FROM player_scores ORDER BY run_id');
    expect(runIds.map((r) => r.run_id)).toEqual(second.runs.map((r) => r.runId).sort());
    // The time unit rescales alpha only: the same data give the same r, a, b and the same P(alive).
    const [day, week] = [first.runs[0].params, second.runs[0].params];
    expect(week.r / day.r).toBeCloseTo(1, 3);
    expect(week.alpha / (day.alpha / 7)).toBeCloseTo(1, 3);
    expect(week.b / day.b).toBeCloseTo(1, 3);
  });
});
