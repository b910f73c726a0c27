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
  /** Days both were active on the same server; null for friend links. */
  sharedDays: number | null;
  lastSharedDay: string | null;
  /** The comrade's active days in the recent window R. */
  comradeActiveDays: number;
}

const ACTIVE_DAY = `sessions > 0 AND day > {asOf:Date} - (SELECT window_days FROM active_lifecycle_config) AND day <= {asOf:Date}`;

/**
 * Candidate pairs (lapsed_key, comrade_key, comrade_active, shared_days,
 * last_shared_day; 0 and day 0 for friend links) for each basis; fixed text, the inputs are
 * parameters.
 * - shared_days: the lapsed player's active (server, day)s in the {lookback}
 *   days up to their last day, matched on player_daily against the days of
 *   the players active in R, so only those days are scanned. Counting the
 *   pairs is the costly step (about ten million candidate pairs on the
 *   50,000-player demo game), so ids are grouped as 64-bit hashes and mapped
 *   back for the few pairs kept;
 * - friends: the stored links in either direction, known on the as-of day,
 *   whose other end is active in R.
 */
const PAIRS: Record<ComradeBasis, string> = {
  shared_days: `
    SELECT ld.p AS lapsed_key, cd.p AS comrade_key, any(cd.active_r) AS comrade_active, toUInt32(count()) AS shared_days, max(ld.day) AS last_shared_day
    FROM (
      SELECT cityHash64(d.player_id) AS p, d.server_id AS server_id, d.day AS day
      FROM player_daily AS d INNER JOIN lapsed AS l ON l.player_id = d.player_id
      WHERE d.player_id IN (SELECT player_id FROM lapsed) AND d.day <= {asOf:Date}
        AND d.day > l.last_day - {lookback:UInt16} AND d.sessions > 0
      GROUP BY d.player_id, server_id, day
    ) AS ld
    INNER JOIN (
      SELECT cityHash64(d.player_id) AS p, d.server_id AS server_id, d.day AS day, any(a.active_r) AS active_r
      FROM player_daily AS d INNER JOIN active AS a ON a.player_id = d.player_id
      WHERE d.player_id IN (SELECT player_id FROM active) AND d.sessions > 0
        AND d.day >= (SELECT min(last_day) FROM lapsed) - {lookback:UInt16} AND d.day <= {asOf:Date}
      GROUP BY d.player_id, server_id, day
    ) AS cd ON cd.server_id = ld.server_id AND cd.day = ld.day
    WHERE cd.p != ld.p
    GROUP BY lapsed_key, comrade_key`,
  friends: `
    SELECT cityHash64(f.a) AS lapsed_key, cityHash64(f.b) AS comrade_key, any(act.active_r) AS comrade_active,
           toUInt32(0) AS shared_days, toDate(0) AS last_shared_day
    FROM (
      SELECT player_id AS a, friend_id AS b, since FROM friend_links
      UNION ALL SELECT friend_id AS a, player_id AS b, since FROM friend_links
    ) AS f
    INNER JOIN active AS act ON act.player_id = f.b
    WHERE (f.since IS NULL OR toDate(f.since, {tz:String}) <= {asOf:Date}) AND f.a IN (SELECT player_id FROM lapsed)
    GROUP BY lapsed_key, comrade_key`,
};

/**
 * "Find your old comrades": for every lapsed player as of the day, the
 * still-active players (active in the recent window R) ranked by shared
 * active days, then by their own recent active days (friend links: by the
 * latter alone), the best {maxPerLapsed} each (an exact tie on both is cut by
 * a stable hash of the id); every pair, most valuable lapsed players first,
 * each one's comrades best first.
 */
export function comradePairs(
  db: Db,
  basis: ComradeBasis,
  q: { asOf: string; tz: string; lookback: number; maxPerLapsed: number },
): Promise<ComradePairRow[]> {
  return rows<ComradePairRow>(
    db,
    `WITH lapsed AS (
        SELECT player_id, server_id, tier, lifetime_spend, idle_days, last_day
        FROM player_stage(as_of = {asOf:Date}) WHERE stage = 'decline' AND status = 'lapsed'
      ),
      active AS (SELECT player_id, toUInt32(uniqExact(day)) AS active_r FROM player_daily WHERE ${ACTIVE_DAY} GROUP BY player_id)
     SELECT l.player_id AS lapsedId, l.server_id AS lapsedServer, toString(l.tier) AS lapsedTier,
            toString(l.lifetime_spend) AS lapsedSpend, toUInt32(l.idle_days) AS lapsedIdleDays, l.last_day AS lapsedLastDay,
            a.player_id AS comradeId, if({friends:Bool}, NULL, p.shared_days) AS sharedDays, if({friends:Bool}, NULL, p.last_shared_day) AS lastSharedDay,
            a.active_r AS comradeActiveDays
     FROM (
       SELECT * FROM (${PAIRS[basis]})
       ORDER BY shared_days DESC, comrade_active DESC, comrade_key LIMIT {maxPerLapsed:UInt8} BY lapsed_key
     ) AS p
     INNER JOIN (SELECT cityHash64(player_id) AS k, * FROM lapsed) AS l ON l.k = p.lapsed_key
     INNER JOIN (SELECT cityHash64(player_id) AS k, player_id, active_r FROM active) AS a ON a.k = p.comrade_key
     ORDER BY l.lifetime_spend DESC, lapsedId, p.shared_days DESC, comradeActiveDays DESC, comradeId`,
    { ...q, friends: basis === 'friends' },
  );
}
