import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { sumDecimals } from '../money.ts';
import { proposals } from '../offers/proposals.ts';
import type { OffersSummary, ReportWindow } from './types.ts';

/**
 * The offers section: the Offers page's proposals as of the window end (every
 * enabled offer active that day, priced on its audience of that day), best
 * ROI first as the page sorts them by default.
 */
export async function offersSection(db: Db, cfg: Config, w: ReportWindow): Promise<OffersSummary> {
  const p = await proposals(db, cfg, w.to, 'roi');
  const offers = p.proposals.map((o) => ({
    offerId: o.offerId,
    name: o.name,
    texts: o.texts,
    kind: o.kind,
    audience: o.economics.members,
    cost: o.economics.totalCost,
    expectedRetainedRevenue: o.economics.retained,
    net: o.economics.net,
    roi: o.economics.roi,
  }));
  return {
    asOf: w.to,
    offers,
    cost: sumDecimals(offers.map((o) => o.cost)),
    expectedRetainedRevenue: sumDecimals(offers.map((o) => o.expectedRetainedRevenue)),
    net: sumDecimals(offers.map((o) => o.net)),
  };
}
