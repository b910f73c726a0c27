// Requests and responses of /api/winback/* (DESIGN section 8): rescue or let go, the new-server planner, old comrades.
import type { Day, Money } from './common.ts';
import type { CostModel, OfferTexts, UpliftUsed } from './offers.ts';

export const DECISIONS = ['rescue', 'let_go'] as const;
export type RescueDecision = (typeof DECISIONS)[number];
export const REWARD_TIERS = ['small', 'medium', 'large'] as const;
export type RewardTier = (typeof REWARD_TIERS)[number];
export const RESCUE_SORTS = ['return', 'clv', 'chance', 'cost', 'idle'] as const;
export type RescueSort = (typeof RESCUE_SORTS)[number];

/** The chance a win-back offer changes a declining player's outcome: assumed on P(churn), or measured (offers.ts). */
export type WinBackRate = UpliftUsed;

/**
 * Which catalog offer prices the rescue decision and which the new-server planner: a designer's versioned choice.
 * Version 0 is the default before any save (the seeded returning-reward and new-server offers).
 */
export interface WinbackChoices {
  version: number;
  rescueOfferId: string;
  newServerOfferId: string;
  /** The offer whose reward the old-comrades referral pays the active player, per pair. */
  comradesOfferId: string;
  author: string;
  note: string;
  /** Null for the default. */
  savedAt: string | null;
}

/** Body of PUT /api/winback/choices; baseVersion guards against overwriting a newer choice. Answers the saved WinbackChoices. */
export interface WinbackChoicesSave {
  rescueOfferId: string;
  newServerOfferId: string;
  comradesOfferId: string;
  author: string;
  note?: string;
  baseVersion?: number;
}

/** The catalog offer pricing a win-back move. */
export interface WinbackOffer {
  offerId: string;
  name: string;
  reward: string;
  texts: OfferTexts;
  version: number;
  /** Absent for old comrades, whose reward cost is on each pair. */
  cost?: CostModel;
}

/** An explanation worded by the page in either language: a code and the numbers it quotes. */
export interface RescueReason {
  code: 'rescue' | 'let_go_cost' | 'let_go_no_value';
  values: Record<string, string | number | boolean>;
}

export interface RescuePlayer {
  playerId: string;
  serverId: string;
  status: string;
  tier: string;
  idleDays: number;
  lifetimeSpend: Money;
  pAlive: number | null;
  expectedClv: Money;
  clvSource: 'model' | 'fallback';
  /** 1 - P(alive), or the stage's measured churn without a score. */
  pChurn: number;
  /** What the player brings over the CLV horizon if back: the value the decision weighs. */
  valueIfKept: Money;
  /** The chance the reward changes the outcome: the assumed rate x P(churn), or the measured rate. */
  pWinBack: number;
  expectedReturn: Money;
  rewardTier: RewardTier;
  cost: Money;
  decision: RescueDecision;
  reason: RescueReason;
}

export interface RescueTotals {
  decision: RescueDecision;
  tier: RewardTier;
  players: number;
  /** What the rewards cost if every player of the group is offered one. */
  cost: Money;
  expectedReturn: Money;
  expectedClv: Money;
}

/** Query of GET /api/winback/rescue. */
export interface RescueQuery {
  asOf?: Day;
  decision?: 'all' | RescueDecision;
  sort?: RescueSort;
  limit?: number;
  offset?: number;
}

/** GET /api/winback/rescue: the summary and one page of the decisions. */
export interface RescueList {
  asOf: Day | null;
  currency: string;
  /** The chosen offer (WinbackChoices) pricing the decisions; null when it is not active on the day. */
  offer: WinbackOffer | null;
  /** The choice in force: its version and the offer id chosen. */
  choice: { version: number; offerId: string };
  rate: WinBackRate | null;
  summary: RescueTotals[];
  decliningPlayers: number;
  total: number;
  players: RescuePlayer[];
  /** The page asked for; absent when there is no data yet. */
  decision?: 'all' | RescueDecision;
  sort?: RescueSort;
  limit?: number;
  offset?: number;
}

export interface PlannerReason {
  code: 'open' | 'no_population' | 'too_few_returning' | 'cost_exceeds_revenue';
  values: Record<string, string | number | null>;
}

export interface ServerPlan {
  serverId: string;
  leaving: number;
  lapsed: number;
  /** Lifetime spend and expected CLV of the leaving and lapsed players. */
  lifetimeSpend: Money;
  expectedClv: Money;
  /** The new-server offer's cost for all of them. */
  cost: Money;
  /** Sums over them: P(churn), value if kept, and P(churn) x value if kept. */
  churnSum: number;
  valueIfKept: Money;
  valueAtRisk: Money;
  /** Days from the server's first active day to the as-of day, inclusive. */
  ageDays: number;
  /** Mean DAU over the trend days ending on the as-of day, and the same span before. */
  dauRecent: number;
  dauPrior: number;
  population: number;
  /** dauRecent / dauPrior - 1; null when the prior window had no active player. */
  trend: number | null;
  expectedReturning: number;
  expectedRevenue: Money;
  expectedCost: Money;
  net: Money;
  recommendation: 'open' | 'not_yet';
  reason: PlannerReason;
}

/** GET /api/winback/servers?asOf */
export interface ServerPlans {
  asOf: Day | null;
  currency: string;
  /** The chosen offer (WinbackChoices) pricing the plans; null when it is not active on the day (servers are still listed, unplanned). */
  offer: WinbackOffer | null;
  choice: { version: number; offerId: string };
  rate: WinBackRate | null;
  minReturning: number;
  /** Absent when there is no data yet. */
  trendDays?: number;
  servers: ServerPlan[];
}

export type ComradeBasis = 'shared_days' | 'friends';

export interface ComradePair {
  lapsedId: string;
  lapsedServer: string;
  lapsedTier: string;
  lapsedSpend: Money;
  lapsedIdleDays: number;
  lapsedLastDay: Day;
  comradeId: string;
  /** Days both were active on the same server; null for friend links. */
  sharedDays: number | null;
  lastSharedDay: Day | null;
  /** The comrade's active days in the recent window R. */
  comradeActiveDays: number;
  /** 1..perLapsed within the lapsed player's comrades. */
  rank: number;
  /** What the active player gets for bringing the lapsed one back, per pair; null for a spend-share reward. */
  rewardCost: Money | null;
}

/** Query of GET /api/winback/comrades. */
export interface ComradesQuery {
  asOf?: Day;
  limit?: number;
  offset?: number;
}

/**
 * `ready`: the pairs of the day asked for (stored by the background refresh after the last ingest, or computed
 * for an earlier day). `computing`: the refresh after an ingest is computing the pairs of the latest day; the
 * answer holds the previous complete result (its asOf), or no pair before the first one.
 */
export type ComradesState = 'ready' | 'computing';

/** GET /api/winback/comrades: one page of the pairs. */
export interface ComradePairs {
  asOf: Day | null;
  state: ComradesState;
  currency: string;
  basis: ComradeBasis;
  /** Absent when there is no data yet. */
  lookbackDays?: number;
  perLapsed?: number;
  /** The chosen offer (WinbackChoices) rewarding the referrals; null when it is not active on the day. */
  offer: WinbackOffer | null;
  choice: { version: number; offerId: string };
  total: number;
  pairs: ComradePair[];
  limit: number;
  offset: number;
}
