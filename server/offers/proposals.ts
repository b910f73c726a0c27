import type { Stage } from '../../contract/enums.ts';
import type { AudienceTotals, OfferDefinition, OfferVersion, Proposal, Proposals, ProposalSort, UpliftUsed, WhatIf } from '../../contract/offers.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { audienceOptions, audienceTotals, audienceTotalsOfMany } from './audience.ts';
import { listOffers } from './catalog.ts';
import { economics, sortProposals } from './economics.ts';
import { measuredUplifts, upliftFor } from './measuredUplift.ts';
import { validateOffer } from './validate.ts';

/**
 * Proposals: every enabled, non-archived offer active on the day, priced on
 * its audience of that day (audience.ts) by economics.ts, with the game-level
 * factors they are priced on. What-if prices an unsaved definition the same
 * way, so the editor shows what a change does before it is saved.
 */

/** An offer is active on a day inside [activeFrom, activeTo] (open-ended without activeTo). */
export const activeOn = (o: Pick<OfferDefinition, 'activeFrom' | 'activeTo' | 'enabled'>, day: string): boolean =>
  o.enabled && o.activeFrom <= day && (o.activeTo === null || o.activeTo >= day);

function proposalOf(offer: OfferDefinition, version: number | null, totals: AudienceTotals, uplift: UpliftUsed): Proposal {
  return {
    offerId: offer.offerId,
    version,
    kind: offer.kind,
    name: offer.name,
    reward: offer.reward,
    texts: offer.texts,
    stages: offer.stages,
    cost: offer.cost,
    assumedUplift: offer.assumedUplift,
    holdoutShare: offer.holdoutShare,
    economics: economics(offer, totals, uplift),
  };
}

/**
 * Prices every active offer on `asOf` (default: the last data day), best
 * first by `sort`; `stage` keeps the offers aimed at that stage.
 */
export async function proposals(db: Db, cfg: Config, asOf?: string, sort: ProposalSort = 'roi', stage?: Stage): Promise<Proposals> {
  const currency = cfg.baseCurrency;
  const day = await resolveAsOf(db, asOf);
  if (!day) return { currency, asOf: null, sort, proposals: [], factors: null };
  const offers = (await listOffers(db)).filter((o: OfferVersion) => activeOn(o, day) && (!stage || o.stages.includes(stage)));
  const [opts, measured] = await Promise.all([audienceOptions(db, cfg, day), measuredUplifts(db)]);
  // All offers in one pass: each audience would otherwise re-evaluate every player's stage.
  const totals = await audienceTotalsOfMany(db, offers, opts);
  const priced = offers.map((o, i) => proposalOf(o, o.version, totals[i], upliftFor(o, measured)));
  return { currency, asOf: day, sort, proposals: sortProposals(priced, sort), factors: opts.factors };
}

/**
 * Validates an unsaved definition and prices it on `asOf` (default: the last
 * data day). A draft of a new offer may leave its id empty: it is not saved.
 */
export async function whatIf(db: Db, cfg: Config, draft: unknown, asOf?: string): Promise<WhatIf> {
  const currency = cfg.baseCurrency;
  const id = (draft as { offerId?: unknown } | null)?.offerId;
  const { offer, errors } = validateOffer(draft, typeof id === 'string' && id !== '' ? undefined : 'draft');
  const day = await resolveAsOf(db, asOf);
  if (errors.length || !day) return { currency, asOf: day, valid: errors.length === 0, errors, proposal: null, factors: null };
  const [opts, measured] = await Promise.all([audienceOptions(db, cfg, day), measuredUplifts(db)]);
  const proposal = proposalOf(offer, null, await audienceTotals(db, offer, opts), upliftFor(offer, measured));
  return { currency, asOf: day, valid: true, errors, proposal, factors: opts.factors };
}
