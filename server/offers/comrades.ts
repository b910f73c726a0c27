import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { comradePairs, type ComradeBasis, type ComradePairRow } from '../queries/offers/comradePairs.ts';
import { hasFriendLinks } from '../queries/offers/hasFriendLinks.ts';
import { activeOfferOf } from './rescueRules.ts';
import { listOffers } from './catalog.ts';

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

export interface ComradePair extends Omit<ComradePairRow, 'total'> {
  /** What the active player gets for bringing the lapsed one back, per pair; null for a spend-share reward. */
  rewardCost: string | null;
}

export interface ComradesAnswer {
  asOf: string;
  currency: string;
  basis: ComradeBasis;
  lookbackDays: number;
  perLapsed: number;
  offer: { offerId: string; name: string; reward: string; version: number } | null;
  total: number;
  pairs: ComradePair[];
}

export async function findComrades(db: Db, cfg: Config, q: { asOf: string; limit: number; offset: number }): Promise<ComradesAnswer> {
  const [friends, offers] = await Promise.all([hasFriendLinks(db, q.asOf, cfg.gameTz), listOffers(db)]);
  const basis: ComradeBasis = friends ? 'friends' : 'shared_days';
  const offer = activeOfferOf(offers, 'comrades_referral', q.asOf);
  const params = { asOf: q.asOf, tz: cfg.gameTz, lookback: COMRADE_LOOKBACK_DAYS, maxPerLapsed: COMRADES_PER_LAPSED };
  const found = await comradePairs(db, basis, { ...params, limit: q.limit, offset: q.offset });
  // A page past the end has no row to carry the total: ask for the first row.
  const total = found.length ? Number(found[0].total) : q.offset > 0 ? Number((await comradePairs(db, basis, { ...params, limit: 1, offset: 0 }))[0]?.total ?? 0) : 0;
  const rewardCost = offer && offer.cost.kind === 'fixed' ? offer.cost.fixedCost : null;
  return {
    asOf: q.asOf, currency: cfg.baseCurrency, basis, lookbackDays: COMRADE_LOOKBACK_DAYS, perLapsed: COMRADES_PER_LAPSED,
    offer: offer && { offerId: offer.offerId, name: offer.name, reward: offer.reward, version: offer.version },
    total,
    pairs: found.map(({ total: _t, ...r }) => ({
      ...r, lapsedIdleDays: Number(r.lapsedIdleDays), sharedDays: r.sharedDays === null ? null : Number(r.sharedDays),
      comradeActiveDays: Number(r.comradeActiveDays), rank: Number(r.rank), rewardCost,
    })),
  };
}
