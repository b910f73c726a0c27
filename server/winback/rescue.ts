import type { OfferKind } from '../../contract/enums.ts';
import type { AudienceMember, CostModel, OfferConditions, OfferVersion } from '../../contract/offers.ts';
import type { RescueList, RescuePlayer, RescueQuery, RescueSort, WinBackRate } from '../../contract/winback.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { upliftHeadlines } from '../launches/uplift.ts';
import { fromUnits, toUnits } from '../money.ts';
import { offerAudience } from '../offers/audience.ts';
import { listOffers } from '../offers/catalog.ts';
import { launches } from '../queries/launches/launches.ts';
import { activeOfferOf, decideRescue, summarize, winBackRate } from './rescueRules.ts';
import { ANY_CONDITIONS } from '../offers/defaults.ts';

/**
 * Rescue or let go for every declining player (leaving or lapsed) as of a
 * day; the rule is in rescueRules.ts. The returning_reward offer of the
 * catalog prices it: its cost per player is the small reward, its win-back
 * rate (or the rate its last complete launch measured) the chance to return.
 */

/** Every declining player who is not lost, whatever a single offer's narrower conditions say. */
const DECLINING: OfferConditions = { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'] };

/** The declining players with their expected CLV (model or fallback) and what a reward of `cost` costs for each. */
export async function decliningPriced(db: Db, cfg: Config, cost: CostModel, asOf: string): Promise<AudienceMember[]> {
  return (await offerAudience(db, cfg, { stages: ['decline'], conditions: DECLINING, cost }, asOf)).members;
}

/**
 * The measured win-back of an offer: the return-rate difference (treatment -
 * holdout) of its newest launch whose window is complete; null until one is.
 */
export async function measuredRate(db: Db, offerId: string): Promise<{ rate: number; launchId: string } | null> {
  const list = await launches(db, { offer: offerId });
  if (!list.length) return null;
  const heads = await upliftHeadlines(db, list, await resolveAsOf(db));
  for (const l of list) {
    const h = heads.get(l.launchId);
    if (h?.state === 'complete' && h.returnRate.difference !== null) return { rate: h.returnRate.difference, launchId: l.launchId };
  }
  return null;
}

/** The offer of a kind active on the day, with its win-back rate; null offer when the catalog has none. */
export async function pricingOffer(db: Db, kind: OfferKind, asOf: string): Promise<{ offer: OfferVersion; rate: WinBackRate } | null> {
  const offer = activeOfferOf(await listOffers(db), kind, asOf);
  if (!offer) return null;
  return { offer, rate: winBackRate(offer.assumedUplift, await measuredRate(db, offer.offerId)) };
}

const num = (s: string) => Number(s);
/** Decimals from SQL drop trailing zeros; the list shows all four places like the computed amounts beside them. */
const fourPlaces = (s: string) => fromUnits(toUnits(s));
const KEY: Record<RescueSort, (p: RescuePlayer) => number> = {
  return: (p) => num(p.expectedReturn),
  clv: (p) => num(p.expectedClv),
  chance: (p) => p.pWinBack,
  cost: (p) => num(p.cost),
  idle: (p) => p.idleDays,
};

/** The rescue list asked for: the day (default: the last day with data) and the page, every choice made. */
export type RescueAsk = Pick<RescueQuery, 'asOf'> & Required<Omit<RescueQuery, 'asOf'>>;

/**
 * The decisions for all declining players on `q.asOf` (default: the last day
 * with data): the summary, and one page of the list (largest first by `sort`).
 */
export async function rescueDecisions(db: Db, cfg: Config, q: RescueAsk): Promise<RescueList> {
  const currency = cfg.baseCurrency;
  const asOf = await resolveAsOf(db, q.asOf);
  if (!asOf) return { asOf: null, currency, offer: null, rate: null, summary: [], decliningPlayers: 0, total: 0, players: [] };
  const page = { decision: q.decision, sort: q.sort, limit: q.limit, offset: q.offset };
  const priced = await pricingOffer(db, 'returning_reward', asOf);
  const empty = { asOf, currency, offer: null, rate: null, summary: summarize([]), decliningPlayers: 0, total: 0, players: [] };
  if (!priced) return { ...empty, ...page };
  const { offer, rate } = priced;
  const members = await decliningPriced(db, cfg, offer.cost, asOf);
  const all = members.map((m): RescuePlayer => {
    const d = decideRescue(m, rate, m.cost);
    return {
      playerId: m.playerId,
      serverId: m.serverId,
      status: m.status,
      tier: m.tier,
      idleDays: m.idleDays,
      lifetimeSpend: fourPlaces(m.lifetimeSpend),
      pAlive: m.pAlive,
      expectedClv: fourPlaces(m.expectedClv),
      clvSource: m.clvSource,
      pWinBack: d.pWinBack,
      expectedReturn: d.expectedReturn,
      rewardTier: d.tier,
      cost: d.cost,
      decision: d.decision,
      reason: d.reason,
    };
  });
  const listed = q.decision === 'all' ? all : all.filter((p) => p.decision === q.decision);
  const key = KEY[q.sort];
  listed.sort((a, b) => key(b) - key(a) || (a.playerId < b.playerId ? -1 : 1));
  return {
    ...empty,
    offer: { offerId: offer.offerId, name: offer.name, reward: offer.reward, version: offer.version, cost: offer.cost },
    rate,
    summary: summarize(all.map((p) => ({ ...p, tier: p.rewardTier }))),
    decliningPlayers: all.length,
    total: listed.length,
    players: listed.slice(q.offset, q.offset + q.limit),
    ...page,
  };
}
