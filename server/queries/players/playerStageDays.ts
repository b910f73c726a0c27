import type { Stage } from '../../../contract/enums.ts';
import type { StageStatus } from '../../../contract/lifecycle.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { VERSION_IN_FORCE } from '../stages/inForce.ts';

export interface StageDay {
  day: string;
  stage: Stage;
  status: StageStatus;
}

/** One player's stored daily stage snapshots, oldest first (the latest computation of each day under the rules in force). */
export async function playerStageDays(db: Db, playerId: string): Promise<StageDay[]> {
  return rows<StageDay>(
    db,
    `SELECT toString(day) AS day, argMax(stage, computed_at) AS stage, argMax(status, computed_at) AS status
     FROM player_stage_daily WHERE player_id = {id:String} AND config_version = ${VERSION_IN_FORCE}
     GROUP BY day ORDER BY day`,
    { id: playerId },
  );
}
