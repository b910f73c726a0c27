import type { AudienceMember, AudienceSort, AudienceTotals, OfferAudience, OfferDefinition, OfferVersion } from '../../contract/offers.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { stageSourceOn } from '../lifecycle/stageSource.ts';
import { audienceMembers } from '../queries/offers/audienceMembers.ts';
import type { AudienceQueryOptions } from '../queries/offers/audienceSql.ts';
import { audienceTotals as totalsOfOne } from '../queries/offers/audienceTotals.ts';
import { manyAudienceTotals } from '../queries/offers/manyAudienceTotals.ts';
import { economics } from './economics.ts';

/**
 * An offer's audience as of a day (see server/queries/offers/audienceSql.ts
 * for who is in it and how expected CLV is estimated when a player has no
 * model score). Used by the proposals and what-if here, by launches to freeze
 * an audience (all members, no page) and by the win-back pricing.
 */

export interface AudiencePage {
  limit: number;
  offset: number;
  sort?: AudienceSort;
}

type Offer = Pick<OfferDefinition, 'stages' | 'conditions' | 'cost'>;

/** Days of value the CLV horizon covers: the months of cfg.clv at an average month length. */
export const horizonDays = (cfg: Config): number => (cfg.clv.horizonMonths * 365.25) / 12;

/** How an audience on `asOf` is evaluated: the CLV horizon, and where the day's stages are read. */
export async function audienceOptions(db: Db, cfg: Config, asOf: string): Promise<AudienceQueryOptions> {
  return { asOf, horizonDays: horizonDays(cfg), source: await stageSourceOn(db, asOf) };
}

export interface Audience {
  asOf: string;
  members: AudienceMember[];
}

/**
 * The members, highest expected CLV first unless `page.sort` says otherwise;
 * every member when no page is given (a launch freezing its audience).
 */
export async function offerAudience(db: Db, cfg: Config, offer: Offer, asOf: string, page?: AudiencePage): Promise<Audience> {
  const members = await audienceMembers(
    db,
    offer,
    await audienceOptions(db, cfg, asOf),
    page?.sort ?? 'clv',
    page && { limit: page.limit, offset: page.offset },
  );
  return { asOf, members };
}

/** Count, total cost and expected CLV of the audience, and how many members the model vs the fallback priced. */
export async function audienceTotals(db: Db, cfg: Config, offer: Offer, asOf: string): Promise<AudienceTotals> {
  return totalsOfOne(db, offer, await audienceOptions(db, cfg, asOf));
}

/**
 * The totals of several offers' audiences on one day, in one pass over the
 * players (the proposals price every active offer at once); same order as `offers`.
 */
export async function audienceTotalsOfMany(db: Db, cfg: Config, offers: readonly Offer[], asOf: string): Promise<AudienceTotals[]> {
  return manyAudienceTotals(db, offers, await audienceOptions(db, cfg, asOf));
}

/**
 * One page of an offer's audience on `asOf` (default: the last data day) with
 * its totals and economics, as GET /api/offers/:id/audience answers it.
 */
export async function audiencePage(db: Db, cfg: Config, offer: OfferVersion, page: Required<AudiencePage>, asOf?: string): Promise<OfferAudience> {
  const day = await resolveAsOf(db, asOf);
  if (!day) return { asOf: null, offer, totals: null, economics: null, members: [], ...page };
  const [totals, { members }] = await Promise.all([audienceTotals(db, cfg, offer, day), offerAudience(db, cfg, offer, day, page)]);
  return { asOf: day, currency: cfg.baseCurrency, offer, totals, economics: economics(offer, totals), members, ...page };
}
