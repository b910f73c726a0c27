// Shapes of the win-back API (/api/winback/*): rescue or let go, the new-server planner, old comrades.
import type { Day, Money } from './types.ts';

export type RescueDecision = 'rescue' | 'let_go';
export type RewardTier = 'small' | 'medium' | 'large';
export type RescueSort = 'return' | 'clv' | 'chance' | 'cost' | 'idle';

export interface WinBackRate {
  rate: number;
  source: 'assumed' | 'measured';
  launchId: string | null;
}

export interface WinbackOffer {
  offerId: string;
  name: string;
  reward: string;
  version: number;
  cost?: { kind: 'fixed' | 'spend_share'; fixedCost: Money; spendShare: number };
}

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
  cost: Money;
  expectedReturn: Money;
  expectedClv: Money;
}

export interface RescueList {
  asOf: Day | null;
  currency: string;
  offer: WinbackOffer | null;
  rate: WinBackRate | null;
  summary: RescueTotals[];
  decliningPlayers: number;
  total: number;
  players: RescuePlayer[];
}

export interface ServerPlan {
  serverId: string;
  leaving: number;
  lapsed: number;
  population: number;
  lifetimeSpend: Money;
  expectedClv: Money;
  cost: Money;
  ageDays: number;
  dauRecent: number;
  dauPrior: number;
  trend: number | null;
  expectedReturning: number;
  expectedRevenue: Money;
  expectedCost: Money;
  net: Money;
  recommendation: 'open' | 'not_yet';
  reason: { code: 'open' | 'no_population' | 'too_few_returning' | 'cost_exceeds_revenue'; values: Record<string, string | number | null> };
}

export interface ServerPlans {
  asOf: Day | null;
  currency: string;
  offer: WinbackOffer | null;
  rate: WinBackRate | null;
  minReturning: number;
  trendDays?: number;
  servers: ServerPlan[];
}

export interface ComradePair {
  lapsedId: string;
  lapsedServer: string;
  lapsedTier: string;
  lapsedSpend: Money;
  lapsedIdleDays: number;
  lapsedLastDay: Day;
  comradeId: string;
  sharedDays: number | null;
  lastSharedDay: Day | null;
  comradeActiveDays: number;
  rank: number;
  rewardCost: Money | null;
}

export interface ComradePairs {
  asOf: Day | null;
  currency: string;
  basis: 'shared_days' | 'friends';
  lookbackDays?: number;
  perLapsed?: number;
  offer: WinbackOffer | null;
  total: number;
  pairs: ComradePair[];
}
