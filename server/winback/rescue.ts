import type { AudienceMember, CostModel, OfferConditions, OfferVersion } from '../../contract/offers.ts';
import type { RescueList, RescuePlayer, RescueQuery, WinBackRate, WinbackOffer } from '../../contract/winback.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { fourPlaces } from '../money.ts';
import { audienceOptions } from '../offers/audience.ts';
import { ANY_CONDITIONS } from '../offers/defaults.ts';
import { measuredUplifts } from '../offers/measuredUplift.ts';
import { memberOf } from '../queries/offers/audienceMembers.ts';
import { pricedSql } from '../queries/offers/audienceSql.ts';
import { rescuePage } from '../queries/winback/rescuePage.ts';
import { decidedSql } from '../queries/winback/rescueSql.ts';
import { rescueSummary } from '../queries/winback/rescueSummary.ts';
import { chosenOfferOn, currentChoices } from './choices.ts';
import { decideRescue, totalsTable, winBackRate } from './rescueRules.ts';

/**
 * Rescue or let go for every declining player (leaving or lapsed) as of a
 * day; the rule is in rescueRules.ts. The offer the designer chose for it
 * (choices.ts) prices it: its cost per player is the small reward, its
 * assumed rate (or the rate the newest complete launch of its kind measured)
 * the chance the reward changes the outcome.
 */

/** Every declining player who is not lost, whatever a single offer's narrower conditions say, priced at `cost` each. */
export const declining = (cost: CostModel) => ({ stages: ['decline' as const], conditions: DECLINING_CONDITIONS, cost });
const DECLINING_CONDITIONS: OfferConditions = { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'] };

/** The chosen offer when it is active on the day, with its win-back rate; null when it is not (or no longer exists). */
export async function pricingOffer(db: Db, offerId: string, asOf: string): Promise<{ offer: OfferVersion; rate: WinBackRate } | null> {
  const offer = await chosenOfferOn(db, offerId, asOf);
  if (!offer) return null;
  return { offer, rate: winBackRate(offer.assumedUplift, (await measuredUplifts(db)).get(offer.kind)) };
}

/** The offer as the win-back answers name it. */
export const winbackOfferOf = (o: OfferVersion): WinbackOffer => ({
  offerId: o.offerId,
  name: o.name,
  reward: o.reward,
  texts: o.texts,
  version: o.version,
  cost: o.cost,
});

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
    pChurn: m.pChurn,
    valueIfKept: fourPlaces(m.valueIfKept),
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
  const [asOf, chosen] = await Promise.all([resolveAsOf(db, q.asOf), currentChoices(db)]);
  const choice = { version: chosen.version, offerId: chosen.rescueOfferId };
  if (!asOf) return { asOf: null, currency, offer: null, choice, rate: null, summary: [], decliningPlayers: 0, total: 0, players: [] };
  const page = { decision: q.decision, sort: q.sort, limit: q.limit, offset: q.offset };
  const priced = await pricingOffer(db, chosen.rescueOfferId, asOf);
  const empty = { asOf, currency, offer: null, choice, rate: null, summary: totalsTable([]), decliningPlayers: 0, total: 0, players: [] };
  if (!priced) return { ...empty, ...page };
  const { offer, rate } = priced;
  // Decided in the engine (rescueSql.ts) for the summary and the order; the page's players again by decideRescue.
  const decided = decidedSql(pricedSql(declining(offer.cost), await audienceOptions(db, cfg, asOf)), rate);
  const [groups, rows] = await Promise.all([rescueSummary(db, decided), rescuePage(db, decided, page)]);
  const count = (decision: string) => groups.reduce((n, g) => n + (decision === 'all' || g.decision === decision ? g.players : 0), 0);
  return {
    ...empty,
    offer: winbackOfferOf(offer),
    rate,
    summary: totalsTable(groups.map((g) => ({ ...g, cost: BigInt(g.cost), ret: BigInt(g.ret), clv: BigInt(g.clv) }))),
    decliningPlayers: count('all'),
    total: count(q.decision),
    players: rows.map((r) => rescuePlayer(memberOf(r), rate)),
    ...page,
  };
}
