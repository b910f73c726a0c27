import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';
import { TRANSITION_ROWS } from './snapshotSql.ts';

export interface FlowPlayer {
  playerId: string;
  serverId: string;
  tier: string;
  lifetimeSpend: string;
  recentSpend: string;
  idleDays: number;
}

export interface FlowQuery {
  from: string;
  to: string;
  server: string;
  fromStage: string;
  toStage: string;
  limit: number;
  offset: number;
}

/** The players of one transition flow, biggest spenders first, one page at a time. */
export async function flowPlayers(db: Db, q: FlowQuery): Promise<{ total: number; players: FlowPlayer[] }> {
  const where = `FROM (${TRANSITION_ROWS}) WHERE from_stage = {fromStage:String} AND to_stage = {toStage:String}`;
  const [count, list] = await Promise.all([
    one<{ n: number }>(db, `SELECT count() AS n ${where}`, { ...q }),
    rows<FlowPlayer>(
      db,
      `SELECT player_id AS playerId, server_id AS serverId, tier, toString(lifetime_spend) AS lifetimeSpend,
              toString(spend_r) AS recentSpend, idle_days AS idleDays
       ${where}
       ORDER BY lifetime_spend DESC, player_id LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      { ...q },
    ),
  ]);
  return { total: Number(count?.n ?? 0), players: list };
}
