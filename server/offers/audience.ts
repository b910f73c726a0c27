import type { AudienceMember, AudienceSort, AudienceTotals, OfferAudience, OfferDefinition, OfferVersion, ValueFactors } from '../../contract/offers.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { DataMemo, keptForMs } from '../db/dataMemo.ts';
import { stageSourceOn } from '../lifecycle/stageSource.ts';
import { audienceMembers } from '../queries/offers/audienceMembers.ts';
import type { AudienceQueryOptions } from '../queries/offers/audienceSql.ts';
import { audienceTotals as totalsOfOne } from '../queries/offers/audienceTotals.ts';
import { manyAudienceTotals } from '../queries/offers/manyAudienceTotals.ts';
import { economics } from './economics.ts';
import { measuredUplifts, upliftFor } from './measuredUplift.ts';
import { measureFactors } from './valueFactors.ts';

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

/** How audiences on a day are evaluated, and the game-level factors they are priced on (shown beside the prices). */
export interface PricingOptions extends AudienceQueryOptions {
  factors: ValueFactors;
}

/** How an audience on `asOf` is evaluated: the CLV horizon, where the day's stages are read, and the measured value factors. */
export function audienceOptions(db: Db, cfg: Config, asOf: string): Promise<PricingOptions> {
  const days = horizonDays(cfg);
  // Rescue, planner and proposals all price on the same factors: measured once per data change.
  return factorMemo.get(db, `${asOf}|${days}`, keptForMs(db, cfg), async () => {
    const base = { asOf, horizonDays: days, source: await stageSourceOn(db, asOf) };
    const { factors, params } = await measureFactors(db, base);
    return { ...base, value: params, factors };
  });
}

const factorMemo = new DataMemo<PricingOptions>();

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

/** Count, total cost, expected CLV and value sums of the audience, and how many members the model vs the fallback priced. */
export function audienceTotals(db: Db, offer: Offer, opts: AudienceQueryOptions): Promise<AudienceTotals> {
  return totalsOfOne(db, offer, opts);
}

/**
 * The totals of several offers' audiences on one day, in one pass over the
 * players (the proposals price every active offer at once); same order as `offers`.
 */
export function audienceTotalsOfMany(db: Db, offers: readonly Offer[], opts: AudienceQueryOptions): Promise<AudienceTotals[]> {
  return manyAudienceTotals(db, offers, opts);
}

/**
 * One page of an offer's audience on `asOf` (default: the last data day) with
 * its totals and economics, as GET /api/offers/:id/audience answers it.
 */
export async function audiencePage(db: Db, cfg: Config, offer: OfferVersion, page: Required<AudiencePage>, asOf?: string): Promise<OfferAudience> {
  const day = await resolveAsOf(db, asOf);
  if (!day) return { asOf: null, offer, totals: null, economics: null, members: [], ...page };
  const opts = await audienceOptions(db, cfg, day);
  const [totals, members, measured] = await Promise.all([
    audienceTotals(db, offer, opts),
    audienceMembers(db, offer, opts, page.sort, { limit: page.limit, offset: page.offset }),
    measuredUplifts(db),
  ]);
  const priced = economics(offer, totals, upliftFor(offer, measured));
  return { asOf: day, currency: cfg.baseCurrency, offer, totals, economics: priced, members, ...page };
}
