import type { PlayerHit } from '../../../contract/players.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/** Players whose id starts with the text (the rollup is sorted by player, so a prefix is a key range). */
export async function searchPlayers(db: Db, prefix: string, limit: number): Promise<PlayerHit[]> {
  return rows<PlayerHit>(
    db,
    `SELECT player_id AS playerId, toString(min(day)) AS firstDay, toString(max(day)) AS lastDay, toString(sum(revenue)) AS lifetimeSpend
     FROM player_daily WHERE startsWith(player_id, {prefix:String})
     GROUP BY player_id ORDER BY player_id LIMIT {limit:UInt32}`,
    { prefix, limit },
  );
}
