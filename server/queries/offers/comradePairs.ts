import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import type { ComradeBasis } from '../../../contract/winback.ts';

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
  /** 1..maxPerLapsed within the lapsed player's comrades. */
  rank: number;
}

/** One chunk of the lapsed players: a range of their keys k = cityHash64(player_id), which the scratch tables are ordered by. */
export interface ComradeChunk {
  runId: string;
  /** Inclusive bounds, as decimal text (UInt64). */
  lo: string;
  hi: string;
  asOf: string;
  tz: string;
  maxPerLapsed: number;
}

/** The columns of comrade_pairs as the fields of ComradePairRow. */
export const PAIR_FIELDS = `lapsed_id AS lapsedId, lapsed_server AS lapsedServer, toString(lapsed_tier) AS lapsedTier,
  toString(lapsed_spend) AS lapsedSpend, lapsed_idle_days AS lapsedIdleDays, lapsed_last_day AS lapsedLastDay, comrade_id AS comradeId,
  shared_days AS sharedDays, last_shared_day AS lastSharedDay, comrade_active_days AS comradeActiveDays, rank`;

const IN_CHUNK = `run_id = {run:String} AND k >= {lo:UInt64} AND k <= {hi:UInt64}`;

/**
 * Candidate pairs (lapsed_key, comrade_key, comrade_id, comrade_active, shared_days,
 * last_shared_day; 0 and day 0 for friend links) of one chunk of lapsed
 * players, from the scratch inputs of server/queries/offers/comradeScratch.ts;
 * fixed text, the inputs are parameters.
 * - shared_days: the lapsed player's active (server, day)s in the lookback
 *   matched against the capped candidates of each (server, day), so a chunk
 *   costs at most (its lapsed players x lookback days x the cap) joined rows;
 * - friends: the stored links in either direction, known on the as-of day,
 *   whose other end is active in R (no cap: a player has few friends).
 */
const PAIRS: Record<ComradeBasis, string> = {
  shared_days: `
    SELECT ld.k AS lapsed_key, cd.k AS comrade_key, any(cd.player_id) AS comrade_id, any(cd.active_r) AS comrade_active,
           toUInt32(count()) AS shared_days, max(ld.day) AS last_shared_day
    FROM (SELECT k, server_id, day FROM comrade_lapsed_days WHERE ${IN_CHUNK}) AS ld
    INNER JOIN (SELECT k, player_id, server_id, day, active_r FROM comrade_active_days WHERE run_id = {run:String}) AS cd
      ON cd.server_id = ld.server_id AND cd.day = ld.day
    WHERE cd.k != ld.k
    GROUP BY lapsed_key, comrade_key`,
  friends: `
    SELECT cityHash64(f.a) AS lapsed_key, act.k AS comrade_key, any(act.player_id) AS comrade_id, any(act.active_r) AS comrade_active,
           toUInt32(0) AS shared_days, toDate(0) AS last_shared_day
    FROM (
      SELECT player_id AS a, friend_id AS b, since FROM friend_links
      UNION ALL SELECT friend_id AS a, player_id AS b, since FROM friend_links
    ) AS f
    INNER JOIN (SELECT k, player_id, active_r FROM comrade_recent WHERE run_id = {run:String}) AS act ON act.player_id = f.b
    WHERE (f.since IS NULL OR toDate(f.since, {tz:String}) <= {asOf:Date}) AND f.a IN (SELECT player_id FROM comrade_lapsed WHERE ${IN_CHUNK})
    GROUP BY lapsed_key, comrade_key`,
};

/**
 * "Find your old comrades" for one chunk of the lapsed players, in the
 * columns of comrade_pairs (sql/025) after its run_id: each one's
 * still-active comrades ranked by shared active days, then by their own
 * recent active days (friend links: by the latter alone), the best
 * {maxPerLapsed} (an exact tie on both is cut by a stable hash of the id for
 * the choice, by the id for the rank).
 */
export function comradePairsSql(basis: ComradeBasis): string {
  return `
    SELECT l.player_id AS lapsed_id, l.server_id AS lapsed_server, l.tier AS lapsed_tier, l.lifetime_spend AS lapsed_spend,
           l.idle_days AS lapsed_idle_days, l.last_day AS lapsed_last_day, p.comrade_id AS comrade_id,
           if({friends:Bool}, NULL, p.shared_days) AS shared_days, if({friends:Bool}, NULL, p.last_shared_day) AS last_shared_day,
           p.comrade_active AS comrade_active_days,
           toUInt8(row_number() OVER (PARTITION BY p.lapsed_key ORDER BY p.shared_days DESC, p.comrade_active DESC, p.comrade_id)) AS rank
    FROM (
      SELECT * FROM (${PAIRS[basis]})
      ORDER BY shared_days DESC, comrade_active DESC, comrade_key LIMIT {maxPerLapsed:UInt8} BY lapsed_key
    ) AS p
    INNER JOIN (SELECT k, player_id, server_id, tier, lifetime_spend, idle_days, last_day FROM comrade_lapsed WHERE ${IN_CHUNK}) AS l
      ON l.k = p.lapsed_key`;
}

export const comradeChunkParams = (basis: ComradeBasis, q: ComradeChunk) => {
  const { runId, ...rest } = q;
  return { ...rest, run: runId, friends: basis === 'friends' };
};

/** The pairs of one chunk, as rows (an on-demand computation for a day without stored pairs). */
export function comradePairs(db: Db, basis: ComradeBasis, q: ComradeChunk): Promise<ComradePairRow[]> {
  return rows<ComradePairRow>(db, `SELECT ${PAIR_FIELDS} FROM (${comradePairsSql(basis)})`, comradeChunkParams(basis, q));
}
