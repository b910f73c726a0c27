import type { ComradeBasis } from '../../../contract/winback.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

export interface ComradeRun {
  runId: string;
  asOf: string;
  basis: ComradeBasis;
  /** 1 while the stage snapshot of its day is still the one it read the lapsed players from. */
  current: number;
}

/**
 * The newest published computation of the comrade pairs (sql/025
 * comrade_runs), or undefined before the first one. Not current once a newer
 * stage snapshot of its day exists (a rules save, a re-snapshot of the day).
 */
export function publishedComradeRun(db: Db): Promise<ComradeRun | undefined> {
  return one<ComradeRun>(
    db,
    `SELECT r.run_id AS runId, r.as_of AS asOf, toString(r.basis) AS basis,
            isNull(r.stages_at_ms) OR r.stages_at_ms >= (SELECT toUnixTimestamp64Milli(max(computed_at)) FROM player_stage_daily WHERE day = r.as_of) AS current
     FROM (SELECT run_id, as_of, basis, stages_at_ms FROM comrade_runs ORDER BY published_at DESC, run_id DESC LIMIT 1) AS r`,
  );
}
