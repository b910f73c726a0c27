// The player endpoints: GET /api/players?q, /api/players/:id and /api/players/:id/events.
import type { Day, Money } from './common.ts';
import type { RiskTier, Stage, ValueTier } from './enums.ts';
import type { StageStatus } from './lifecycle.ts';

export interface PlayerHit {
  playerId: string;
  firstDay: Day;
  lastDay: Day;
  lifetimeSpend: Money;
}

/** GET /api/players?q: players whose id starts with q. */
export interface PlayerSearch {
  players: PlayerHit[];
}

/** Lifetime totals of one player, with where they started. */
export interface PlayerSummary {
  playerId: string;
  firstDay: Day;
  lastDay: Day;
  activeDays: number;
  sessions: number;
  playtimeS: number;
  payingDays: number;
  lifetimeSpend: Money;
  maxLevel: number;
  servers: string[];
  platform: string;
  channel: string;
}

/** A player's stage and features as of a day, under the active rules. */
export interface PlayerStageNow {
  stage: Stage;
  status: StageStatus;
  tier: ValueTier;
  tenureDays: number;
  idleDays: number;
  activeR: number;
  activeP: number;
  spendR: Money;
  spendP: Money;
}

/** A run of days in the same stage; 'lost' past the lost horizon. */
export interface StageRun {
  from: Day;
  to: Day;
  stage: Stage | 'lost';
}

export interface PlayerDay {
  day: Day;
  sessions: number;
  playtimeS: number;
  payments: number;
  revenue: Money;
}

/** A player's model scores; a field is null where its model has not scored them (the monetary ones: non-payers). */
export interface PlayerScores {
  pAlive: number | null;
  expectedDays30: number | null;
  expectedDays90: number | null;
  riskTier: RiskTier | null;
  payingPAlive: number | null;
  expectedPurchases90: number | null;
  /** Expected spend per purchase day (Gamma-Gamma). */
  expectedSpend: Money | null;
  expectedClv: Money | null;
  engagementAsOf: Day | null;
  monetaryAsOf: Day | null;
}

/** GET /api/players/:id */
export interface PlayerProfile extends PlayerSummary {
  asOf: Day;
  /** Null when the player has no stage on the as-of day. */
  now: PlayerStageNow | null;
  stageHistory: StageRun[];
  days: PlayerDay[];
  /** Scores of the latest successful model runs; null before any run scored the player. */
  scores: PlayerScores | null;
}

export interface PlayerEvent {
  kind: 'session' | 'payment';
  at: string;
  day: Day;
  serverId: string;
  /** Session length in seconds (sessions). */
  durationS: number;
  level: number;
  /** Base-currency amount (payments; negative for refunds). */
  amount: Money;
  sku: string;
}

/** GET /api/players/:id/events: one page, latest first. */
export interface PlayerEvents {
  limit: number;
  offset: number;
  events: PlayerEvent[];
}
