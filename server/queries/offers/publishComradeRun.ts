import type { ComradeBasis } from '../../../contract/winback.ts';
import type { Db } from '../../db/client.ts';
import { exec, rows } from '../../db/query.ts';

/**
 * Publishes a complete run of comrade pairs: one row in comrade_runs, which
 * readers take as the run to read, then drops every other run's pairs (the
 * previous result, and the rows of a run a stop left unpublished). Only the
 * comrades route reads these tables, and it is never cached (UNCACHED in
 * server/routes/permissions.ts), so no cached answer of another page goes.
 */
export async function publishComradeRun(
  db: Db,
  run: { runId: string; asOf: string; stagesAt: string | null; basis: ComradeBasis; lapsed: number; seconds: number },
): Promise<void> {
  const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
  await exec(
    db,
    `INSERT INTO comrade_runs (run_id, as_of, stages_at_ms, basis, pairs, lapsed, seconds, published_at)
     SELECT {run:String}, {asOf:Date}, {stagesAt:Nullable(Int64)}, {basis:String}, toUInt32(count()), {lapsed:UInt32}, {seconds:Float64}, {at:DateTime64(3)}
     FROM comrade_pairs WHERE run_id = {run:String}`,
    { run: run.runId, asOf: run.asOf, stagesAt: run.stagesAt, basis: run.basis, lapsed: run.lapsed, seconds: run.seconds, at },
    { scratch: true },
  );
  const old = await rows<{ runId: string }>(db, 'SELECT DISTINCT run_id AS runId FROM comrade_pairs WHERE run_id != {run:String}', { run: run.runId });
  for (const { runId } of old) await exec(db, 'ALTER TABLE comrade_pairs DROP PARTITION {run:String}', { run: runId }, { scratch: true });
}
