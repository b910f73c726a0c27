import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { PAYING_DAY } from '../metrics/activity.ts';

/**
 * The last paying day (all servers) up to a day of each of a few players, a
 * list page's worth: the rollup is sorted by player, so this reads only their rows.
 */
export async function lastPayDays(db: Db, playerIds: readonly string[], asOf: string): Promise<Map<string, string>> {
  if (playerIds.length === 0) return new Map();
  const found = await rows<{ playerId: string; lastPayDay: string }>(
    db,
    `SELECT player_id AS playerId, toString(max(day)) AS lastPayDay
     FROM player_daily
     WHERE player_id IN {ids:Array(String)} AND day <= {asOf:Date} AND ${PAYING_DAY}
     GROUP BY player_id`,
    { ids: playerIds, asOf },
  );
  return new Map(found.map((r) => [r.playerId, r.lastPayDay]));
}
