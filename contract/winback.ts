// Requests and responses of /api/winback/* (DESIGN section 8): rescue or let go, the new-server planner, old comrades.
import type { Day, Money } from './common.ts';
import type { CostModel } from './offers.ts';

export const DECISIONS = ['rescue', 'let_go'] as const;
export type RescueDecision = (typeof DECISIONS)[number];
export const REWARD_TIERS = ['small', 'medium', 'large'] as const;
export type RewardTier = (typeof REWARD_TIERS)[number];
export const RESCUE_SORTS = ['return', 'clv', 'chance', 'cost', 'idle'] as const;
export type RescueSort = (typeof RESCUE_SORTS)[number];

export interface WinBackRate {
  rate: number;
  source: 'assumed' | 'measured';
  /** The launch whose measurement is used, when measured. */
  launchId: string | null;
}

/** The catalog offer pricing a win-back move. */
export interface WinbackOffer {
  offerId: string;
  name: string;
  reward: string;
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
  /** The returning_reward offer pricing the decisions; null when the catalog has none active. */
  offer: WinbackOffer | null;
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
  /** The new_server offer's cost for all of them. */
  cost: Money;
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
  /** The new_server offer pricing the plans; null when the catalog has none active (servers are still listed, unplanned). */
  offer: WinbackOffer | null;
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
  offer: WinbackOffer | null;
  total: number;
  pairs: ComradePair[];
  limit: number;
  offset: number;
}
