import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import type { ComradeBasis } from '../../../contract/winback.ts';
import { activeDayOf } from '../metrics/activity.ts';

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

/** The chunk of lapsed players a query counts: `k % chunks = chunk`, from the scratch table. */
const CHUNK = `SELECT k, player_id, last_day FROM comrade_lapsed WHERE run_id = {run:String} AND k % {chunks:UInt32} = {chunk:UInt32}`;

/**
 * Candidate pairs (lapsed_key, comrade_key, comrade_active, shared_days,
 * last_shared_day; 0 and day 0 for friend links) of one chunk of lapsed
 * players, from the scratch inputs of server/queries/offers/comradeScratch.ts;
 * fixed text, the inputs are parameters.
 * - shared_days: the lapsed player's active (server, day)s in the {lookback}
 *   days up to their last day, matched against the active players' days.
 *   Counting the pairs is the costly step (about ten million candidate pairs
 *   on the 50,000-player demo game), so ids are joined as 64-bit hashes and
 *   mapped back for the few pairs kept;
 * - friends: the stored links in either direction, known on the as-of day,
 *   whose other end is active in R.
 */
const PAIRS: Record<ComradeBasis, string> = {
  shared_days: `
    SELECT ld.k AS lapsed_key, cd.k AS comrade_key, any(cd.active_r) AS comrade_active, toUInt32(count()) AS shared_days, max(ld.day) AS last_shared_day
    FROM (
      SELECT l.k AS k, d.server_id AS server_id, d.day AS day
      FROM player_daily AS d INNER JOIN (${CHUNK}) AS l ON l.player_id = d.player_id
      WHERE d.player_id IN (SELECT player_id FROM (${CHUNK})) AND d.day <= {asOf:Date}
        AND d.day > l.last_day - {lookback:UInt16} AND ${activeDayOf('d')}
      GROUP BY l.k, d.server_id, d.day
    ) AS ld
    INNER JOIN (SELECT k, server_id, day, active_r FROM comrade_active_days WHERE run_id = {run:String}) AS cd
      ON cd.server_id = ld.server_id AND cd.day = ld.day
    WHERE cd.k != ld.k
    GROUP BY lapsed_key, comrade_key`,
  friends: `
    SELECT cityHash64(f.a) AS lapsed_key, cityHash64(f.b) AS comrade_key, any(act.active_r) AS comrade_active,
           toUInt32(0) AS shared_days, toDate(0) AS last_shared_day
    FROM (
      SELECT player_id AS a, friend_id AS b, since FROM friend_links
      UNION ALL SELECT friend_id AS a, player_id AS b, since FROM friend_links
    ) AS f
    INNER JOIN (SELECT DISTINCT player_id, active_r FROM comrade_active_days WHERE run_id = {run:String}) AS act ON act.player_id = f.b
    WHERE (f.since IS NULL OR toDate(f.since, {tz:String}) <= {asOf:Date}) AND f.a IN (SELECT player_id FROM (${CHUNK}))
    GROUP BY lapsed_key, comrade_key`,
};

/**
 * "Find your old comrades" for one chunk of the lapsed players: each one's
 * still-active comrades ranked by shared active days, then by their own
 * recent active days (friend links: by the latter alone), the best
 * {maxPerLapsed} (an exact tie on both is cut by a stable hash of the id).
 * The caller orders the pairs of all chunks.
 */
export function comradePairs(
  db: Db,
  basis: ComradeBasis,
  q: { runId: string; chunk: number; chunks: number; asOf: string; tz: string; lookback: number; maxPerLapsed: number },
): Promise<ComradePairRow[]> {
  const { runId, ...rest } = q;
  return rows<ComradePairRow>(
    db,
    `SELECT l.player_id AS lapsedId, l.server_id AS lapsedServer, toString(l.tier) AS lapsedTier,
            toString(l.lifetime_spend) AS lapsedSpend, l.idle_days AS lapsedIdleDays, l.last_day AS lapsedLastDay,
            c.player_id AS comradeId, if({friends:Bool}, NULL, p.shared_days) AS sharedDays, if({friends:Bool}, NULL, p.last_shared_day) AS lastSharedDay,
            c.active_r AS comradeActiveDays
     FROM (
       SELECT * FROM (${PAIRS[basis]})
       ORDER BY shared_days DESC, comrade_active DESC, comrade_key LIMIT {maxPerLapsed:UInt8} BY lapsed_key
     ) AS p
     INNER JOIN (SELECT k, player_id, server_id, tier, lifetime_spend, idle_days, last_day FROM comrade_lapsed WHERE run_id = {run:String}) AS l
       ON l.k = p.lapsed_key
     INNER JOIN (SELECT DISTINCT k, player_id, active_r FROM comrade_active_days WHERE run_id = {run:String}) AS c ON c.k = p.comrade_key`,
    { ...rest, run: runId, friends: basis === 'friends' },
  );
}
