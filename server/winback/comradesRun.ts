import { randomUUID } from 'node:crypto';
import type { ComradeBasis } from '../../contract/winback.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import type { ComradeChunk } from '../queries/offers/comradePairs.ts';
import { comradeLapsedDayRows, dropComradeScratch, fillComradeDays, fillComradeLapsed, fillComradeRecent } from '../queries/offers/comradeScratch.ts';
import { hasFriendLinks } from '../queries/offers/hasFriendLinks.ts';

/**
 * "Find your old comrades": pairs of a lapsed player and a still-active
 * player (active in the recent stage window R) to reward for bringing them
 * back; the comrades_referral offer's reward goes to the active player.
 *
 * Without friend data the stand-in for friendship is shared play: two
 * players active on the same server on the same days. For each lapsed
 * player, the days counted are their active days on each server in the
 * COMRADE_LOOKBACK_DAYS days up to their last active day (the company they
 * kept just before leaving), and comrades rank by the number of such
 * (server, day)s they shared. It over-counts on small servers where everyone
 * is online daily, and misses friends who played at different hours; it
 * needs no data the game does not send already. When friend links
 * (friends*.ndjson|csv files) are stored, they are used instead: the lapsed
 * player's friends who are active, ranked by their recent active days.
 * Either way the best COMRADES_PER_LAPSED are kept per lapsed player.
 *
 * The bound: on each (server, day) only the COMRADE_CANDIDATES_PER_SERVER_DAY
 * players most active in R (ties by a stable hash of the id) are candidate
 * comrades. Exact while a server has no more players on a day; on a bigger
 * server the pairs are those among the most active players, who are also the
 * ones the exact ranking puts first when they shared the lapsed player's days.
 * The pair count then costs O(lapsed players x lookback days x the cap),
 * whatever the size of the servers, where the exact count grew with the
 * square of a server's daily players.
 */
export const COMRADE_LOOKBACK_DAYS = 28;
export const COMRADES_PER_LAPSED = 3;
export const COMRADE_CANDIDATES_PER_SERVER_DAY = 100;
/**
 * The embedded engine answers one query at a time, so the count runs in
 * chunks of lapsed players and the dashboard's other queries get through
 * between them. A shared-days chunk holds about LAPSED_DAYS_PER_CHUNK of the
 * lapsed players' (server, day)s, so it joins at most that many times the cap
 * rows (2M: a fraction of a second) however active the lapsed players were;
 * a friends chunk holds LAPSED_PER_CHUNK lapsed players.
 */
export const LAPSED_DAYS_PER_CHUNK = 20_000;
export const LAPSED_PER_CHUNK = 2000;

export interface ComradeScratch {
  runId: string;
  asOf: string;
  basis: ComradeBasis;
  lapsed: number;
  chunks: number;
  /** The stage snapshot the lapsed players were read from (its computed_at in ms, as text); null when read from the stage view. */
  stagesAt: string | null;
}

const KEYS = 2n ** 64n;

/** `n` consecutive ranges covering every UInt64 key, as decimal text. */
export function keyRanges(n: number): { lo: string; hi: string }[] {
  const parts = BigInt(n);
  return Array.from({ length: n }, (_, i) => ({ lo: String((KEYS * BigInt(i)) / parts), hi: String((KEYS * BigInt(i + 1)) / parts - 1n) }));
}

/** Half months of `from`..`to` (1st to 15th, 16th to the end: within one of the rollup's monthly partitions), clipped to the span. */
export function halfMonthSpans(from: string, to: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (let start = from; start <= to; ) {
    const month = start.slice(0, 7);
    const next = start < `${month}-16` ? `${month}-16` : `${addDays(`${month}-01`, 32).slice(0, 7)}-01`;
    const end = addDays(next, -1);
    out.push({ from: start, to: end < to ? end : to });
    start = next;
  }
  return out;
}

/**
 * One computation of the pairs as of `asOf`: fills the scratch inputs (a few
 * statements, each over half a month of the rollup), hands every chunk of lapsed
 * players to `each`, and drops the scratch rows whatever happens.
 */
export async function computeComrades(
  db: Db,
  cfg: Pick<Config, 'gameTz'>,
  asOf: string,
  each: (basis: ComradeBasis, chunk: ComradeChunk, done: number, total: number) => Promise<void>,
  opts: { lapsedPerChunk?: number; cap?: number } = {},
): Promise<ComradeScratch> {
  const basis: ComradeBasis = (await hasFriendLinks(db, asOf, cfg.gameTz)) ? 'friends' : 'shared_days';
  const runId = randomUUID();
  try {
    const { lapsed, minLastDay, maxLastDay, stagesAt } = await fillComradeLapsed(db, runId, asOf);
    if (lapsed === 0) return { runId, asOf, basis, lapsed, chunks: 0, stagesAt };
    await fillComradeRecent(db, runId, asOf);
    if (basis === 'shared_days' && minLastDay && maxLastDay) {
      // Only the days some lapsed player's lookback covers: candidates of later days are never matched.
      const days = { asOf, lookback: COMRADE_LOOKBACK_DAYS, cap: opts.cap ?? COMRADE_CANDIDATES_PER_SERVER_DAY };
      for (const span of halfMonthSpans(addDays(minLastDay, 1 - COMRADE_LOOKBACK_DAYS), maxLastDay)) await fillComradeDays(db, runId, { ...days, ...span });
    }
    const chunks = opts.lapsedPerChunk
      ? lapsed / opts.lapsedPerChunk
      : basis === 'shared_days'
        ? (await comradeLapsedDayRows(db, runId)) / LAPSED_DAYS_PER_CHUNK
        : lapsed / LAPSED_PER_CHUNK;
    const ranges = keyRanges(Math.max(1, Math.ceil(chunks)));
    for (const [i, range] of ranges.entries()) {
      await each(basis, { runId, ...range, asOf, tz: cfg.gameTz, maxPerLapsed: COMRADES_PER_LAPSED }, i, ranges.length);
    }
    return { runId, asOf, basis, lapsed, chunks: ranges.length, stagesAt };
  } finally {
    await dropComradeScratch(db, runId);
  }
}
