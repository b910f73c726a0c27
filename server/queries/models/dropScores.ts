/** Scores are stored one run per partition (sql/012_model_scores.sql), so a run's scores go with one cheap DROP PARTITION. */
import type { Db } from '../../db/client.ts';
import { exec, rows } from '../../db/query.ts';

/** Drops one run's scores, if any (a failed run may have written part of them). */
export async function dropRunScores(db: Db, runId: string): Promise<void> {
  await exec(db, 'ALTER TABLE player_scores DROP PARTITION {run:String}', { run: runId });
}

/** Drops the scores of every run of a kind but `keep`: older successful runs, and runs that crashed before they were recorded. */
export async function dropScoresExcept(db: Db, kind: string, keep: string): Promise<void> {
  const runs = await rows<{ run_id: string }>(db, 'SELECT DISTINCT run_id FROM player_scores WHERE kind = {kind:String} AND run_id != {keep:String}', {
    kind,
    keep,
  });
  for (const { run_id } of runs) await dropRunScores(db, run_id);
}
