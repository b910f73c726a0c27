import type { PlayerEvent } from '../../../contract/players.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/** One player's raw sessions and payments, latest first, a page at a time. */
export async function playerEvents(db: Db, playerId: string, limit: number, offset: number): Promise<PlayerEvent[]> {
  return rows<PlayerEvent>(
    db,
    `SELECT kind, at, day, serverId, durationS, level, amount, sku FROM (
       SELECT 'session' AS kind, start AS at, toString(day) AS day, toString(server_id) AS serverId, duration_s AS durationS, level,
              '' AS amount, '' AS sku
       FROM sessions WHERE player_id = {id:String}
       UNION ALL
       SELECT 'payment', ts, toString(day), toString(server_id), 0, 0, toString(amount), sku
       FROM payments WHERE player_id = {id:String}
     )
     ORDER BY at DESC, kind LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { id: playerId, limit, offset },
  );
}
