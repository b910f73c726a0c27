import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import type { RunRow } from './runRow.ts';

/**
 * Writes a run's current state as a new row of its run_id. Without a
 * startedAt the engine's clock stamps it (a claim), so claims from several
 * processes are ordered by one clock. deleted = true withdraws a claim.
 */
export async function writeRun(db: Db, run: Omit<RunRow, 'startedAt'> & { startedAt: string | null }, deleted = false): Promise<void> {
  await exec(
    db,
    `INSERT INTO report_runs (run_id, schedule_id, schedule_version, window_from, window_to, lang, trigger, fired_at, options, state,
                              started_at, finished_at, error, output_dir, files, updated_at, is_deleted)
     SELECT {runId:String}, {scheduleId:String}, {scheduleVersion:UInt32}, toDate({windowFrom:String}), toDate({windowTo:String}),
            {lang:String}, {trigger:String}, parseDateTime64BestEffortOrNull({firedAt:Nullable(String)}, 3, 'UTC'), {options:String}, {state:String},
            ifNull(parseDateTime64BestEffortOrNull({startedAt:Nullable(String)}, 6, 'UTC'), now64(6)),
            parseDateTime64BestEffortOrNull({finishedAt:Nullable(String)}, 3, 'UTC'), {error:String}, {outputDir:String}, {files:String},
            now64(6), {deleted:UInt8}`,
    { ...run, deleted: deleted ? 1 : 0 },
  );
}
