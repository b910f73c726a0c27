import type { CostModel } from '../../contract/offers.ts';
import type { ServerPlans } from '../../contract/winback.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { fourPlaces } from '../money.ts';
import { serverFacts } from '../queries/offers/serverFacts.ts';
import { storedServerFacts } from '../queries/offers/storedServerFacts.ts';
import { storedOrLive } from '../retention/aggregatesReady.ts';
import { planServer } from './plannerRules.ts';
import { currentChoices } from './choices.ts';
import { declining, pricingOffer, winbackOfferOf } from './rescue.ts';
import { assumedUplift } from '../offers/economics.ts';
import { audienceOptions } from '../offers/audience.ts';
import { pricedSql } from '../queries/offers/audienceSql.ts';
import { decliningByServer } from '../queries/winback/decliningByServer.ts';

/** The active trend compares mean DAU over this many days ending on the as-of day with the same span before. */
export const TREND_DAYS = 14;

const NO_COST: CostModel = { kind: 'fixed', fixedCost: '0', spendShare: 0 };
const NO_RATE = assumedUplift(0);

/**
 * Per server with activity up to the day (default: the last day with data):
 * its declining and lapsed base, age, trend and the new-server recommendation,
 * priced by the offer the designer chose for it (choices.ts).
 */
export async function planServers(db: Db, cfg: Config, day?: string): Promise<ServerPlans> {
  const asOf = await resolveAsOf(db, day);
  const chosen = await currentChoices(db);
  const choice = { version: chosen.version, offerId: chosen.newServerOfferId };
  if (!asOf) return { asOf: null, currency: cfg.baseCurrency, offer: null, choice, rate: null, minReturning: cfg.winback.newServerMinReturning, servers: [] };
  const [priced, facts, options] = await Promise.all([
    pricingOffer(db, chosen.newServerOfferId, asOf),
    storedOrLive(
      db,
      () => storedServerFacts(db, asOf, TREND_DAYS),
      () => serverFacts(db, asOf, TREND_DAYS),
    ),
    audienceOptions(db, cfg, asOf),
  ]);
  // Without an offer the base is still counted, priced at nothing.
  const priceAt = declining(priced?.offer.cost ?? NO_COST);
  const bases = new Map((await decliningByServer(db, pricedSql(priceAt, options))).map((b) => [b.serverId, b]));
  const minReturning = cfg.winback.newServerMinReturning;
  const servers = facts.map((f) => {
    const a = bases.get(f.serverId) ?? {
      leaving: 0,
      lapsed: 0,
      lifetimeSpend: '0',
      expectedClv: '0',
      cost: '0',
      churnSum: 0,
      valueIfKept: '0',
      valueAtRisk: '0',
    };
    const base = {
      serverId: f.serverId,
      leaving: a.leaving,
      lapsed: a.lapsed,
      lifetimeSpend: fourPlaces(a.lifetimeSpend),
      expectedClv: fourPlaces(a.expectedClv),
      cost: fourPlaces(a.cost),
      churnSum: a.churnSum,
      valueIfKept: fourPlaces(a.valueIfKept),
      valueAtRisk: fourPlaces(a.valueAtRisk),
      ageDays: Number(f.ageDays),
      dauRecent: Number(f.dauRecent),
      dauPrior: Number(f.dauPrior),
    };
    return planServer(base, priced?.rate ?? NO_RATE, minReturning);
  });
  const offer = priced && winbackOfferOf(priced.offer);
  return { asOf, currency: cfg.baseCurrency, offer, choice, rate: priced?.rate ?? null, minReturning, trendDays: TREND_DAYS, servers };
}
