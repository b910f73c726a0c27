import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/**
 * The live claims on one window of one schedule and language, first claim
 * first: 'running' rows younger than the stale limit (older ones belong to a
 * process that died mid-run).
 */
export function runningClaims(db: Db, key: { scheduleId: string; windowTo: string; lang: string }, staleSeconds: number): Promise<{ runId: string }[]> {
  return rows<{ runId: string }>(
    db,
    `SELECT run_id AS runId FROM report_runs FINAL
     WHERE schedule_id = {scheduleId:String} AND window_to = toDate({windowTo:String}) AND lang = {lang:String}
       AND state = 'running' AND started_at > now64(6) - toIntervalSecond({stale:UInt32})
     ORDER BY started_at, run_id`,
    { ...key, stale: staleSeconds },
  );
}
