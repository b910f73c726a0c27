import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';

export interface ValuedPlayer {
  playerId: string;
  serverId: string;
  stage: string;
  status: string;
  tier: string;
  tenureDays: number;
  idleDays: number;
  payingDays: number;
  lifetimeSpend: string;
  recentSpend: string;
  priorSpend: string;
}

/**
 * Players of the stage view matching a list's condition (an SQL expression
 * over player_stage columns from server/value/lists.ts, never input), the
 * biggest spenders first, a page at a time.
 */
export async function valuedPlayers(
  db: Db,
  where: string,
  q: { asOf: string; server: string; limit: number; offset: number },
): Promise<{ total: number; players: ValuedPlayer[] }> {
  const from = `FROM player_stage(as_of = {asOf:Date}) WHERE ({server:String} = '' OR server_id = {server:String}) AND (${where})`;
  const [count, list] = await Promise.all([
    one<{ n: number }>(db, `SELECT count() AS n ${from}`, q),
    rows<ValuedPlayer>(
      db,
      `SELECT player_id AS playerId, server_id AS serverId, stage, status, tier, tenure_days AS tenureDays, idle_days AS idleDays,
              paying_days AS payingDays, toString(lifetime_spend) AS lifetimeSpend, toString(spend_r) AS recentSpend, toString(spend_p) AS priorSpend
       ${from}
       ORDER BY lifetime_spend DESC, player_id LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      q,
    ),
  ]);
  return { total: Number(count?.n ?? 0), players: list };
}
