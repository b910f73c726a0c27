import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import type { RangeFilter } from '../overview/daily.ts';

export interface StageTrendRow {
  day: string;
  exploration: number;
  growth: number;
  stable: number;
  decline: number;
}

/** Players per stage per day of the active base (lost players excluded), from the daily snapshots. */
export async function stageTrend(db: Db, f: RangeFilter): Promise<StageTrendRow[]> {
  return rows<StageTrendRow>(
    db,
    `SELECT day,
            sumIf(players, stage = 'exploration') AS exploration,
            sumIf(players, stage = 'growth') AS growth,
            sumIf(players, stage = 'stable') AS stable,
            sumIf(players, stage = 'decline' AND status != 'lost') AS decline
     FROM stage_daily
     WHERE day BETWEEN {from:Date} AND {to:Date}
       AND ({server:String} = '' OR server_id = {server:String})
       AND (day, computed_at) IN (SELECT day, max(computed_at) FROM stage_daily WHERE day BETWEEN {from:Date} AND {to:Date} GROUP BY day)
     GROUP BY day ORDER BY day`,
    { ...f },
  );
}
