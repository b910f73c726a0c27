import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { RUN_COLUMNS, type RunRow } from './runRow.ts';

export interface RunFilter {
  scheduleId?: string;
  runId?: string;
  state?: string;
  limit: number;
  offset: number;
}

/** Runs newest first, with how many match the filter in all. */
export function listRuns(db: Db, f: RunFilter): Promise<(RunRow & { total: number })[]> {
  return rows<RunRow & { total: number }>(
    db,
    `SELECT ${RUN_COLUMNS}, count() OVER () AS total
     FROM report_runs FINAL
     WHERE ({schedule:String} = '' OR schedule_id = {schedule:String})
       AND ({run:String} = '' OR run_id = {run:String})
       AND ({state:String} = '' OR state = {state:String})
     ORDER BY started_at DESC, run_id
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { schedule: f.scheduleId ?? '', run: f.runId ?? '', state: f.state ?? '', limit: f.limit, offset: f.offset },
  );
}
