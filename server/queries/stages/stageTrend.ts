import type { RangeQuery, StageTrendDay } from '../../../contract/overview.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { VERSION_IN_FORCE } from './inForce.ts';

/** Players per stage per day of the active base (lost players excluded), from the daily snapshots under the rules in force. */
export async function stageTrend(db: Db, f: RangeQuery): Promise<StageTrendDay[]> {
  return rows<StageTrendDay>(
    db,
    `SELECT day,
            sumIf(players, stage = 'exploration') AS exploration,
            sumIf(players, stage = 'growth') AS growth,
            sumIf(players, stage = 'stable') AS stable,
            sumIf(players, stage = 'decline' AND status != 'lost') AS decline
     FROM stage_daily
     WHERE day BETWEEN {from:Date} AND {to:Date}
       AND ({server:String} = '' OR server_id = {server:String})
       AND config_version = ${VERSION_IN_FORCE}
       AND (day, computed_at) IN (SELECT day, max(computed_at) FROM stage_daily
                                  WHERE day BETWEEN {from:Date} AND {to:Date} AND config_version = ${VERSION_IN_FORCE} GROUP BY day)
     GROUP BY day ORDER BY day`,
    { ...f },
  );
}
