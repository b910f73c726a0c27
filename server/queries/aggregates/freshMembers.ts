import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';

/**
 * Fills cohort_members_fresh with the new cohort row of every player with a
 * rollup row on {from:Date} or later (the players a load touched): first day
 * and starting server, platform and channel as player_attributes now says, and
 * the last active day, the later of the stored one and the touched days' last.
 */
export async function fillFreshMembers(db: Db, from: string): Promise<void> {
  await exec(
    db,
    `INSERT INTO cohort_members_fresh
     WITH touched AS (SELECT player_id, maxIf(day, ${ACTIVE_DAY}) AS last FROM player_daily WHERE day >= {from:Date} GROUP BY player_id)
     SELECT a.player_id, a.first, a.server, a.platform, a.channel,
            nullIf(greatest(ifNull(o.last_active, toDate(0)), t.last), toDate(0))
     FROM (
       SELECT player_id, min(first_day) AS first, argMinMerge(server) AS server,
              argMinMerge(platform) AS platform, argMinMerge(channel) AS channel
       FROM player_attributes WHERE player_id IN (SELECT player_id FROM touched) GROUP BY player_id
     ) AS a
     INNER JOIN touched AS t ON t.player_id = a.player_id
     LEFT JOIN cohort_members AS o ON o.player_id = a.player_id
     SETTINGS join_use_nulls = 1`,
    { from },
    { scratch: true },
  );
}
