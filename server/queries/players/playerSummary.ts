import type { PlayerSummary } from '../../../contract/players.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { ACTIVE_DAYS, PAYING_DAYS } from '../metrics/activity.ts';

/** Lifetime totals of one player from the daily rollup, with where they started; undefined for an unknown id. */
export async function playerSummary(db: Db, playerId: string): Promise<PlayerSummary | undefined> {
  return one<PlayerSummary>(
    db,
    `SELECT d.player_id AS playerId, d.firstDay, d.lastDay, d.activeDays, d.sessionCount AS sessions, d.playtimeS, d.payingDays, d.lifetimeSpend, d.maxLevel, d.servers,
            a.platform, a.channel
     FROM (
       SELECT player_id, toString(min(day)) AS firstDay, toString(max(day)) AS lastDay,
              -- Aliases must not shadow the columns the other aggregates read.
              ${ACTIVE_DAYS} AS activeDays, sum(sessions) AS sessionCount, sum(playtime_s) AS playtimeS,
              ${PAYING_DAYS} AS payingDays, toString(sum(revenue)) AS lifetimeSpend, max(max_level) AS maxLevel,
              arraySort(groupUniqArray(toString(server_id))) AS servers
       FROM player_daily WHERE player_id = {id:String} GROUP BY player_id
     ) AS d
     LEFT JOIN (
       SELECT player_id, argMinMerge(platform) AS platform, argMinMerge(channel) AS channel
       FROM player_attributes WHERE player_id = {id:String} GROUP BY player_id
     ) AS a ON a.player_id = d.player_id`,
    { id: playerId },
  );
}
