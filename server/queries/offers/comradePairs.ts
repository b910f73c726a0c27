import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

export type ComradeBasis = 'shared_days' | 'friends';

export interface ComradePairRow {
  lapsedId: string;
  lapsedServer: string;
  lapsedTier: string;
  lapsedSpend: string;
  lapsedIdleDays: number;
  lapsedLastDay: string;
  comradeId: string;
  /** The server of the last day they shared; null for friend links. */
  sharedServer: string | null;
  /** Days both were active on the same server; null for friend links. */
  sharedDays: number | null;
  lastSharedDay: string | null;
  /** The comrade's active days in the recent window R. */
  comradeActiveDays: number;
  /** 1..maxPerLapsed within the lapsed player's comrades. */
  rank: number;
  total: number;
}

const ACTIVE_DAY = `sessions > 0 AND day > {asOf:Date} - (SELECT window_days FROM active_lifecycle_config) AND day <= {asOf:Date}`;

/**
 * Candidate pairs (lapsed_id, comrade_id, shared_server, shared_days,
 * last_shared_day) for each basis; fixed text, the inputs are parameters.
 * - shared_days: the lapsed player's active (server, day)s in the
 *   {lookback} days up to their last day, matched on player_daily against the
 *   days of the players active in R, so only those few days are scanned;
 * - friends: the stored links in either direction, known on the as-of day,
 *   whose other end is active in R.
 */
const PAIRS: Record<ComradeBasis, string> = {
  shared_days: `
    SELECT ld.player_id AS lapsed_id, cd.player_id AS comrade_id,
           argMax(ld.server_id, ld.day) AS shared_server, toNullable(toUInt32(count())) AS shared_days, toNullable(max(ld.day)) AS last_shared_day
    FROM (
      SELECT d.player_id AS player_id, d.server_id AS server_id, d.day AS day
      FROM player_daily AS d INNER JOIN lapsed AS l ON l.player_id = d.player_id
      WHERE d.player_id IN (SELECT player_id FROM lapsed) AND d.day <= {asOf:Date}
        AND d.day > l.last_day - {lookback:UInt16} AND d.sessions > 0
      GROUP BY player_id, server_id, day
    ) AS ld
    INNER JOIN (
      SELECT player_id, server_id, day FROM player_daily
      WHERE player_id IN (SELECT player_id FROM active) AND sessions > 0
        AND day >= (SELECT min(last_day) FROM lapsed) - {lookback:UInt16} AND day <= {asOf:Date}
      GROUP BY player_id, server_id, day
    ) AS cd ON cd.server_id = ld.server_id AND cd.day = ld.day
    WHERE cd.player_id != ld.player_id
    GROUP BY lapsed_id, comrade_id`,
  friends: `
    SELECT a AS lapsed_id, b AS comrade_id, CAST(NULL AS Nullable(String)) AS shared_server,
           CAST(NULL AS Nullable(UInt32)) AS shared_days, CAST(NULL AS Nullable(Date)) AS last_shared_day
    FROM (
      SELECT player_id AS a, friend_id AS b, since FROM friend_links
      UNION ALL SELECT friend_id AS a, player_id AS b, since FROM friend_links
    )
    WHERE (since IS NULL OR toDate(since, {tz:String}) <= {asOf:Date})
      AND a IN (SELECT player_id FROM lapsed) AND b IN (SELECT player_id FROM active)
    GROUP BY lapsed_id, comrade_id`,
};

/**
 * "Find your old comrades": for every lapsed player as of the day, the
 * still-active players (active in the recent window R) ranked by shared
 * active days (friend links: by their own recent activity), the best
 * {maxPerLapsed} each; a page of pairs, most valuable lapsed players first.
 */
export function comradePairs(
  db: Db,
  basis: ComradeBasis,
  q: { asOf: string; tz: string; lookback: number; maxPerLapsed: number; limit: number; offset: number },
): Promise<ComradePairRow[]> {
  return rows<ComradePairRow>(
    db,
    `WITH lapsed AS (
        SELECT player_id, server_id, tier, lifetime_spend, idle_days, last_day
        FROM player_stage(as_of = {asOf:Date}) WHERE stage = 'decline' AND status = 'lapsed'
      ),
      active AS (SELECT player_id, toUInt32(uniqExact(day)) AS active_r FROM player_daily WHERE ${ACTIVE_DAY} GROUP BY player_id)
     SELECT lapsedId, lapsedServer, lapsedTier, lapsedSpend, lapsedIdleDays, lapsedLastDay, comradeId, sharedServer, sharedDays,
            lastSharedDay, comradeActiveDays, rank, toUInt32(count() OVER ()) AS total
     FROM (
       SELECT p.lapsed_id AS lapsedId, l.server_id AS lapsedServer, toString(l.tier) AS lapsedTier,
              toString(l.lifetime_spend) AS lapsedSpend, l.lifetime_spend AS spendSort, toUInt32(l.idle_days) AS lapsedIdleDays,
              l.last_day AS lapsedLastDay, p.comrade_id AS comradeId, p.shared_server AS sharedServer, p.shared_days AS sharedDays,
              p.last_shared_day AS lastSharedDay, a.active_r AS comradeActiveDays,
              toUInt32(row_number() OVER (PARTITION BY p.lapsed_id ORDER BY p.shared_days DESC, a.active_r DESC, p.comrade_id)) AS rank
       FROM (${PAIRS[basis]}) AS p
       INNER JOIN lapsed AS l ON l.player_id = p.lapsed_id
       INNER JOIN active AS a ON a.player_id = p.comrade_id
     )
     WHERE rank <= {maxPerLapsed:UInt8}
     ORDER BY spendSort DESC, lapsedId, rank
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    q,
  );
}
