import type { PlayerDay } from '../../../contract/players.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/** One player's activity and spend per day (all servers), for the profile timeline. */
export async function playerDays(db: Db, playerId: string): Promise<PlayerDay[]> {
  return rows<PlayerDay>(
    db,
    `SELECT toString(day) AS day, sum(sessions) AS sessions, sum(playtime_s) AS playtimeS, sum(payments) AS payments, toString(sum(revenue)) AS revenue
     FROM player_daily WHERE player_id = {id:String} GROUP BY day ORDER BY day`,
    { id: playerId },
  );
}
