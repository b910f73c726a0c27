import type { OfferKind } from '../../contract/enums.ts';
import type { OfferDefinition, UpliftUsed } from '../../contract/offers.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Db } from '../db/client.ts';
import { upliftHeadlines } from '../launches/uplift.ts';
import { launches } from '../queries/launches/launches.ts';
import { assumedUplift, clamp01 } from './economics.ts';

/**
 * The measured uplift per offer kind: the return-rate difference
 * (treatment - holdout) of the newest launch of the kind whose window is
 * complete, with its 95% interval. Measured on the kind, not the offer id:
 * a new version or a twin of an offer is the same move, measured once.
 */
export async function measuredUplifts(db: Db): Promise<Map<string, UpliftUsed>> {
  const list = await launches(db);
  const out = new Map<string, UpliftUsed>();
  if (!list.length) return out;
  const heads = await upliftHeadlines(db, list, await resolveAsOf(db));
  // Newest first: the first complete launch of a kind is its measurement.
  for (const l of list) {
    const h = heads.get(l.launchId);
    if (out.has(l.offerKind) || h?.state !== 'complete' || h.returnRate.difference === null) continue;
    out.set(l.offerKind, { source: 'measured', rate: clamp01(h.returnRate.difference), ci: h.returnRate.ci, launchId: l.launchId, launchOfferId: l.offerId });
  }
  return out;
}

/** The uplift an offer is priced with: its kind's measurement, else its own assumption. */
export const upliftFor = (offer: Pick<OfferDefinition, 'kind' | 'assumedUplift'>, measured: ReadonlyMap<OfferKind | string, UpliftUsed>): UpliftUsed =>
  measured.get(offer.kind) ?? assumedUplift(offer.assumedUplift);
