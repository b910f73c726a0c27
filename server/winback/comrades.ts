import { randomUUID } from 'node:crypto';
import type { ComradeBasis, ComradePair, ComradePairs } from '../../contract/winback.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { toUnits } from '../money.ts';
import { listOffers } from '../offers/catalog.ts';
import { comradePairs, type ComradePairRow } from '../queries/offers/comradePairs.ts';
import { dropComradeScratch, fillComradeScratch } from '../queries/offers/comradeScratch.ts';
import { hasFriendLinks } from '../queries/offers/hasFriendLinks.ts';
import { activeOfferOf } from './rescueRules.ts';

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
 */
export const COMRADE_LOOKBACK_DAYS = 28;
export const COMRADES_PER_LAPSED = 3;
/**
 * Lapsed players per counting query. The embedded engine answers one query at
 * a time, so the count (seconds on a large game) runs in chunks and the
 * dashboard's other queries get through between them.
 */
export const LAPSED_PER_CHUNK = 2000;

// The pairs are computed whole (seconds on a large game) and paged here: the
// last answer is kept until the data changes (db.writes) or another day is asked.
type Computed = Promise<{ basis: ComradeBasis; rows: Omit<ComradePair, 'rewardCost'>[] }>;
const memos = new WeakMap<Db, { key: string; pairs: Computed }>();

function allPairs(db: Db, cfg: Config, asOf: string, lapsedPerChunk: number): Computed {
  const key = `${db.writes}|${asOf}|${cfg.gameTz}|${lapsedPerChunk}`;
  const memo = memos.get(db);
  if (memo?.key === key) return memo.pairs;
  const pairs = (async () => {
    const basis: ComradeBasis = (await hasFriendLinks(db, asOf, cfg.gameTz)) ? 'friends' : 'shared_days';
    const runId = randomUUID();
    try {
      const lapsed = await fillComradeScratch(db, runId, { asOf, lookback: COMRADE_LOOKBACK_DAYS });
      const chunks = Math.max(1, Math.ceil(lapsed / lapsedPerChunk));
      const found: ComradePairRow[] = [];
      for (let chunk = 0; chunk < chunks; chunk++) {
        const q = { runId, chunk, chunks, asOf, tz: cfg.gameTz, lookback: COMRADE_LOOKBACK_DAYS, maxPerLapsed: COMRADES_PER_LAPSED };
        found.push(...(await comradePairs(db, basis, q)));
      }
      return { basis, rows: rankPairs(found) };
    } finally {
      await dropComradeScratch(db, runId);
    }
  })();
  memos.set(db, { key, pairs });
  // A failed computation is not kept.
  pairs.catch(() => memos.get(db)?.pairs === pairs && memos.delete(db));
  return pairs;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byMoneyDesc = (a: string, b: string) => {
  const d = toUnits(b) - toUnits(a);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};

/** Most valuable lapsed players first, each one's comrades best first, numbered 1..COMRADES_PER_LAPSED. */
export function rankPairs(found: readonly ComradePairRow[]): Omit<ComradePair, 'rewardCost'>[] {
  const sorted = found
    .map((r) => ({
      ...r,
      lapsedIdleDays: Number(r.lapsedIdleDays),
      sharedDays: r.sharedDays === null ? null : Number(r.sharedDays),
      comradeActiveDays: Number(r.comradeActiveDays),
    }))
    .sort(
      (a, b) =>
        byMoneyDesc(a.lapsedSpend, b.lapsedSpend) ||
        byText(a.lapsedId, b.lapsedId) ||
        (b.sharedDays ?? 0) - (a.sharedDays ?? 0) ||
        b.comradeActiveDays - a.comradeActiveDays ||
        byText(a.comradeId, b.comradeId),
    );
  let rank = 0;
  return sorted.map((r, i) => {
    rank = i > 0 && sorted[i - 1].lapsedId === r.lapsedId ? rank + 1 : 1;
    return { ...r, rank };
  });
}

/** One page of the pairs on `q.asOf` (default: the last day with data). */
export async function findComrades(db: Db, cfg: Config, q: { asOf?: string; limit: number; offset: number; lapsedPerChunk?: number }): Promise<ComradePairs> {
  const page = { limit: q.limit, offset: q.offset };
  const asOf = await resolveAsOf(db, q.asOf);
  if (!asOf) return { asOf: null, currency: cfg.baseCurrency, basis: 'shared_days', offer: null, total: 0, pairs: [], ...page };
  const [{ basis, rows }, offers] = await Promise.all([allPairs(db, cfg, asOf, q.lapsedPerChunk ?? LAPSED_PER_CHUNK), listOffers(db)]);
  const offer = activeOfferOf(offers, 'comrades_referral', asOf);
  const rewardCost = offer && offer.cost.kind === 'fixed' ? offer.cost.fixedCost : null;
  return {
    asOf,
    currency: cfg.baseCurrency,
    basis,
    lookbackDays: COMRADE_LOOKBACK_DAYS,
    perLapsed: COMRADES_PER_LAPSED,
    offer: offer && { offerId: offer.offerId, name: offer.name, reward: offer.reward, version: offer.version },
    total: rows.length,
    pairs: rows.slice(q.offset, q.offset + q.limit).map((r) => ({ ...r, rewardCost })),
    ...page,
  };
}
