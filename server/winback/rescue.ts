import type { OfferKind } from '../../contract/enums.ts';
import type { AudienceMember, CostModel, OfferConditions, OfferVersion } from '../../contract/offers.ts';
import type { RescueList, RescuePlayer, RescueQuery, WinBackRate } from '../../contract/winback.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { upliftHeadlines } from '../launches/uplift.ts';
import { fourPlaces } from '../money.ts';
import { audienceOptions } from '../offers/audience.ts';
import { listOffers } from '../offers/catalog.ts';
import { launches } from '../queries/launches/launches.ts';
import { memberOf } from '../queries/offers/audienceMembers.ts';
import { pricedSql } from '../queries/offers/audienceSql.ts';
import { rescuePage } from '../queries/winback/rescuePage.ts';
import { decidedSql } from '../queries/winback/rescueSql.ts';
import { rescueSummary } from '../queries/winback/rescueSummary.ts';
import { activeOfferOf, decideRescue, totalsTable, winBackRate } from './rescueRules.ts';
import { ANY_CONDITIONS } from '../offers/defaults.ts';

/**
 * Rescue or let go for every declining player (leaving or lapsed) as of a
 * day; the rule is in rescueRules.ts. The returning_reward offer of the
 * catalog prices it: its cost per player is the small reward, its win-back
 * rate (or the rate its last complete launch measured) the chance to return.
 */

/** Every declining player who is not lost, whatever a single offer's narrower conditions say, priced at `cost` each. */
export const declining = (cost: CostModel) => ({ stages: ['decline' as const], conditions: DECLINING_CONDITIONS, cost });
const DECLINING_CONDITIONS: OfferConditions = { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'] };

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

function rescuePlayer(m: AudienceMember, rate: WinBackRate): RescuePlayer {
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
}

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
  const empty = { asOf, currency, offer: null, rate: null, summary: totalsTable([]), decliningPlayers: 0, total: 0, players: [] };
  if (!priced) return { ...empty, ...page };
  const { offer, rate } = priced;
  // Decided in the engine (rescueSql.ts) for the summary and the order; the page's players again by decideRescue.
  const decided = decidedSql(pricedSql(declining(offer.cost), await audienceOptions(db, cfg, asOf)), rate.rate);
  const [groups, rows] = await Promise.all([rescueSummary(db, decided), rescuePage(db, decided, page)]);
  const count = (decision: string) => groups.reduce((n, g) => n + (decision === 'all' || g.decision === decision ? g.players : 0), 0);
  return {
    ...empty,
    offer: { offerId: offer.offerId, name: offer.name, reward: offer.reward, version: offer.version, cost: offer.cost },
    rate,
    summary: totalsTable(groups.map((g) => ({ ...g, cost: BigInt(g.cost), ret: BigInt(g.ret), clv: BigInt(g.clv) }))),
    decliningPlayers: count('all'),
    total: count(q.decision),
    players: rows.map((r) => rescuePlayer(memberOf(r), rate)),
    ...page,
  };
}
