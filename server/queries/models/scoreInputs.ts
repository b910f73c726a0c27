/**
 * The scratch tables of a scoring run (sql/012_model_scores.sql): the scores
 * of each distinct summary, written before the players are joined to them and
 * dropped, partition and all, once the run is over.
 */
import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/** One row of model_score_triples (without the run id). */
export interface TripleScore {
  x: number;
  t_x_days: number;
  T_days: number;
  p_alive: number;
  expected_30: number;
  expected_90: number;
  /** Engagement only ('' for monetary rows). */
  risk_tier: string;
  /** Monetary only: discounted expected purchase days over the CLV horizon, so CLV = expected spend times this. */
  discounted_transactions: number;
}

/** One row of model_score_spend (without the run id); money as 4-place decimal strings. */
export interface SpendScore {
  x: number;
  zbar: string;
  expected_spend: string;
}

/** Rows per insert: a bounded request body for any number of distinct summaries. */
const BATCH = 100_000;

/**
 * Rows as arrays in a fixed column order (JSONCompactEachRow): the engine
 * parses them about twice as fast as objects, which counts at a few hundred
 * thousand summaries. No API answer reads these tables, so the write count
 * the response cache watches is left to the INSERT ... SELECT that follows.
 */
async function insertBatched<T extends object>(
  db: Db,
  table: string,
  runId: string,
  values: readonly T[],
  columns: readonly (keyof T & string)[],
): Promise<void> {
  for (let i = 0; i < values.length; i += BATCH) {
    await db.client.insert({
      table,
      columns: ['run_id', ...columns],
      values: values.slice(i, i + BATCH).map((v) => [runId, ...columns.map((c) => v[c])]),
      format: 'JSONCompactEachRow',
    });
  }
}

const TRIPLE_COLUMNS = ['x', 't_x_days', 'T_days', 'p_alive', 'expected_30', 'expected_90', 'risk_tier', 'discounted_transactions'] as const;
const SPEND_COLUMNS = ['x', 'zbar', 'expected_spend'] as const;

export const insertTripleScores = (db: Db, runId: string, scores: readonly TripleScore[]) =>
  insertBatched(db, 'model_score_triples', runId, scores, TRIPLE_COLUMNS);

export const insertSpendScores = (db: Db, runId: string, scores: readonly SpendScore[]) => insertBatched(db, 'model_score_spend', runId, scores, SPEND_COLUMNS);

export async function dropScoreInputs(db: Db, runId: string): Promise<void> {
  await exec(db, 'ALTER TABLE model_score_triples DROP PARTITION {run:String}', { run: runId });
  await exec(db, 'ALTER TABLE model_score_spend DROP PARTITION {run:String}', { run: runId });
}
