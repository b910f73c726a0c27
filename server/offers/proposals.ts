import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { audienceTotals } from './audience.ts';
import { listOffers } from './catalog.ts';
import { economics, sortProposals, type Economics, type ProposalSort } from './economics.ts';
import type { OfferDefinition, OfferVersion, Stage } from './types.ts';
import { validateOffer, type OfferError } from './validate.ts';

/**
 * Proposals: every enabled, non-archived offer active on the day, priced on
 * its audience of that day (audience.ts) by economics.ts. What-if prices an
 * unsaved definition the same way, so the editor shows what a change does
 * before it is saved.
 */

export interface Proposal {
  offerId: string;
  /** The catalog version priced; null for a what-if draft. */
  version: number | null;
  kind: OfferDefinition['kind'];
  name: string;
  reward: string;
  stages: Stage[];
  cost: OfferDefinition['cost'];
  assumedUplift: number;
  holdoutShare: number;
  economics: Economics;
}

export interface Proposals {
  /** The day priced; null when there is no data yet (then the list is empty). */
  asOf: string | null;
  sort: ProposalSort;
  proposals: Proposal[];
}

/** An offer is active on a day inside [activeFrom, activeTo] (open-ended without activeTo). */
export const activeOn = (o: Pick<OfferDefinition, 'activeFrom' | 'activeTo' | 'enabled'>, day: string): boolean =>
  o.enabled && o.activeFrom <= day && (o.activeTo === null || o.activeTo >= day);

async function price(db: Db, cfg: Config, offer: OfferDefinition, version: number | null, asOf: string): Promise<Proposal> {
  const totals = await audienceTotals(db, cfg, offer, asOf);
  return {
    offerId: offer.offerId, version, kind: offer.kind, name: offer.name, reward: offer.reward, stages: offer.stages,
    cost: offer.cost, assumedUplift: offer.assumedUplift, holdoutShare: offer.holdoutShare, economics: economics(offer, totals),
  };
}

/** The day to price on: the one asked, else the last day with data. */
async function priceDay(db: Db, asOf?: string): Promise<string | null> {
  return asOf ?? (await dataDays(db)).maxDay;
}

/**
 * Prices every active offer on `asOf` (default: the last data day), best
 * first by `sort`; `stage` keeps the offers aimed at that stage.
 */
export async function proposals(db: Db, cfg: Config, asOf?: string, sort: ProposalSort = 'roi', stage?: Stage): Promise<Proposals> {
  const day = await priceDay(db, asOf);
  if (!day) return { asOf: null, sort, proposals: [] };
  const offers = (await listOffers(db)).filter((o: OfferVersion) => activeOn(o, day) && (!stage || o.stages.includes(stage)));
  // One at a time: each prices a full stage evaluation, and the embedded engine gains nothing from more at once.
  const priced: Proposal[] = [];
  for (const o of offers) priced.push(await price(db, cfg, o, o.version, day));
  return { asOf: day, sort, proposals: sortProposals(priced, sort) };
}

export interface WhatIf {
  asOf: string | null;
  valid: boolean;
  errors: OfferError[];
  /** The draft priced; null when it is not valid or there is no data. */
  proposal: Proposal | null;
}

/**
 * Validates an unsaved definition and prices it on `asOf` (default: the last
 * data day). A draft of a new offer may leave its id empty: it is not saved.
 */
export async function whatIf(db: Db, cfg: Config, draft: unknown, asOf?: string): Promise<WhatIf> {
  const id = (draft as { offerId?: unknown } | null)?.offerId;
  const { offer, errors } = validateOffer(draft, typeof id === 'string' && id !== '' ? undefined : 'draft');
  const day = await priceDay(db, asOf);
  if (errors.length || !day) return { asOf: day, valid: errors.length === 0, errors, proposal: null };
  return { asOf: day, valid: true, errors, proposal: await price(db, cfg, offer, null, day) };
}
