import type { ModelKind } from '../../../contract/models.ts';
import type { Db } from '../../db/client.ts';
import { exec, one } from '../../db/query.ts';
import { SPEND_KEY } from './spendKeys.ts';
import { calibrationParams, PAYER_SUMMARY, playerSummarySql } from './sufficientStats.ts';

const COLUMNS = `run_id, kind, as_of, player_id, x, t_x_days, T_days, p_alive, expected_30, expected_90, risk_tier, expected_spend, expected_clv`;
const TRIPLES = `(SELECT x, t_x_days, T_days, p_alive, expected_30, expected_90, risk_tier, discounted_transactions
                  FROM model_score_triples WHERE run_id = {run:String})`;

/**
 * Every player's scores for one run, in one INSERT ... SELECT: each player's
 * calibration summary joined to the scores of that summary (and, for payers,
 * of their spend key) in the run's scratch tables. CLV = expected spend x
 * discounted expected purchase days, multiplied as Decimal and rounded to 4
 * places. Returns the players scored.
 */
export async function insertPlayerScores(db: Db, q: { runId: string; kind: ModelKind; calibrationEnd: string }): Promise<number> {
  const params = { ...calibrationParams(q), run: q.runId };
  const sql =
    q.kind === 'engagement'
      ? `INSERT INTO player_scores (${COLUMNS})
         SELECT {run:String}, 'engagement', {calibrationEnd:Date}, s.player_id, s.x, s.t_x_days, s.T_days,
                t.p_alive, t.expected_30, t.expected_90, t.risk_tier, NULL, NULL
         FROM (${playerSummarySql('engagement')}) AS s
         INNER JOIN ${TRIPLES} AS t ON t.x = s.x AND t.t_x_days = s.t_x_days AND t.T_days = s.T_days`
      : `INSERT INTO player_scores (${COLUMNS})
         SELECT {run:String}, 'monetary', {calibrationEnd:Date}, s.player_id, s.x, s.t_x_days, s.T_days,
                t.p_alive, t.expected_30, t.expected_90, '', z.expected_spend,
                CAST(round(toDecimal128(z.expected_spend, 4) * toDecimal128(t.discounted_transactions, 10), 4) AS Decimal(18, 4))
         FROM (SELECT player_id, x, t_x_days, T_days, ${SPEND_KEY} AS zbar FROM (${PAYER_SUMMARY})) AS s
         INNER JOIN ${TRIPLES} AS t ON t.x = s.x AND t.t_x_days = s.t_x_days AND t.T_days = s.T_days
         INNER JOIN (SELECT x, zbar, expected_spend FROM model_score_spend WHERE run_id = {run:String}) AS z ON z.x = s.x AND z.zbar = s.zbar`;
  await exec(db, sql, params);
  const n = await one<{ n: number }>(db, 'SELECT count() AS n FROM player_scores WHERE run_id = {run:String}', params);
  return Number(n?.n ?? 0);
}
