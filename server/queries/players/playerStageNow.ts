import type { PlayerStageNow } from '../../../contract/players.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

/** One player's stage and features as of a day, under the active rules (tiers rank the player among all payers). */
export async function playerStageNow(db: Db, playerId: string, asOf: string): Promise<PlayerStageNow | undefined> {
  return one<PlayerStageNow>(
    db,
    `SELECT stage, status, tier, tenure_days AS tenureDays, idle_days AS idleDays, active_r AS activeR, active_p AS activeP,
            toString(spend_r) AS spendR, toString(spend_p) AS spendP
     FROM player_stage(as_of = {asOf:Date}) WHERE player_id = {id:String}`,
    { id: playerId, asOf },
  );
}
