import type { FlowOrder, FlowPlayer, FlowPlayersPage, FlowQuery } from '../../../contract/lifecycle.ts';
import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';
import { TRANSITION_ROWS } from './snapshotSql.ts';

/** ORDER BY for each sort direction on lifetime spend: the only SQL a request value selects. */
export const FLOW_ORDER = {
  desc: 'lifetime_spend DESC, player_id',
  asc: 'lifetime_spend ASC, player_id',
} as const satisfies Record<FlowOrder, string>;

/** The players of one transition flow, by lifetime spend (biggest first by default), one page at a time. */
export async function flowPlayers(db: Db, q: FlowQuery): Promise<FlowPlayersPage> {
  const where = `FROM (${TRANSITION_ROWS}) WHERE from_stage = {fromStage:String} AND to_stage = {toStage:String}`;
  const [count, list] = await Promise.all([
    one<{ n: number }>(db, `SELECT count() AS n ${where}`, { ...q }),
    rows<FlowPlayer>(
      db,
      `SELECT player_id AS playerId, server_id AS serverId, tier, toString(lifetime_spend) AS lifetimeSpend,
              toString(spend_r) AS recentSpend, idle_days AS idleDays
       ${where}
       ORDER BY ${FLOW_ORDER[q.order]} LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      { ...q },
    ),
  ]);
  return { total: Number(count?.n ?? 0), players: list };
}
