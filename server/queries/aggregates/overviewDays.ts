import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import { activePlayers, payingPlayers } from '../metrics/windows.ts';

/**
 * Recomputes overview_daily from {from:Date} on: per day and server, and for
 * all servers together, the active and paying players and revenue (daily_kpi)
 * and the new players (daily_new_players: first day on that server, or at all).
 * A player's first day only moves to a day with new events, so days before
 * {from:Date} keep theirs.
 */
export async function refreshOverviewDays(db: Db, from: string): Promise<void> {
  await exec(db, `DELETE FROM overview_daily WHERE day >= {from:Date}`, { from });
  const kpis = `${activePlayers()} AS dau, ${payingPlayers()} AS payers, sum(revenue) AS revenue, toUInt64(0) AS new_players`;
  // New players: per server, each player's first day on it; for all servers, their first day anywhere. Only players
  // with a day from {from:Date} on can have a first day there.
  const newPlayers = (total: 0 | 1) =>
    `SELECT first_day AS day, toUInt8(${total}) AS total, ${total ? "''" : 'toString(server_id)'} AS server_id,
            toUInt64(0) AS dau, toUInt64(0) AS payers, toDecimal128(0, 4) AS revenue, count() AS new_players
     FROM (
       SELECT player_id, ${total ? '' : 'server_id,'} min(first_day) AS first_day FROM player_server_first
       WHERE player_id IN (SELECT player_id FROM player_daily WHERE day >= {from:Date})
       GROUP BY player_id${total ? '' : ', server_id'}
     )
     WHERE first_day >= {from:Date}
     GROUP BY first_day${total ? '' : ', server_id'}`;
  await exec(
    db,
    `INSERT INTO overview_daily
     SELECT day, total, server_id, sum(dau), sum(payers), sum(revenue), sum(new_players)
     FROM (
       SELECT day, toUInt8(0) AS total, toString(server_id) AS server_id, ${kpis} FROM player_daily WHERE day >= {from:Date} GROUP BY day, server_id
       UNION ALL
       SELECT day, toUInt8(1) AS total, '' AS server_id, ${kpis} FROM player_daily WHERE day >= {from:Date} GROUP BY day
       UNION ALL
       ${newPlayers(0)}
       UNION ALL
       ${newPlayers(1)}
     )
     GROUP BY day, total, server_id`,
    { from },
  );
}
