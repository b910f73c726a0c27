/**
 * The scratch tables of a scoring run (sql/012_model_scores.sql): the scores
 * of each distinct summary, written before the players are joined to them and
 * dropped, partition and all, once the run is over.
 */
import type { Db } from '../../db/client.ts';
import { exec, insertRows } from '../../db/query.ts';
import type { SpendScore, TripleScore } from '../../models/scoring.ts';

/** Rows per insert: a bounded request body for any number of distinct summaries. */
const BATCH = 100_000;

async function insertBatched(db: Db, table: string, runId: string, values: readonly object[]): Promise<void> {
  for (let i = 0; i < values.length; i += BATCH) await insertRows(db, table, values.slice(i, i + BATCH).map((v) => ({ run_id: runId, ...v })));
}

export const insertTripleScores = (db: Db, runId: string, scores: readonly TripleScore[]) => insertBatched(db, 'model_score_triples', runId, scores);

export const insertSpendScores = (db: Db, runId: string, scores: readonly SpendScore[]) => insertBatched(db, 'model_score_spend', runId, scores);

export async function dropScoreInputs(db: Db, runId: string): Promise<void> {
  await exec(db, 'ALTER TABLE model_score_triples DROP PARTITION {run:String}', { run: runId });
  await exec(db, 'ALTER TABLE model_score_spend DROP PARTITION {run:String}', { run: runId });
}
