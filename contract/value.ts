// The value endpoints: GET /api/value and GET /api/value/lists/:name.
import type { Day, Money } from './common.ts';
import type { RiskTier, Stage, ValueTier } from './enums.ts';
import type { StageStatus } from './lifecycle.ts';

/** ?asOf (default: the last day with data) and ?server ('' = all servers); a type literal: it passes as query parameters. */
export type ValueQuery = {
  asOf: Day;
  server: string;
};

/** Lifetime spend concentration among payers. */
export interface ParetoSummary {
  payers: number;
  lifetimeSpend: Money;
  /** Revenue share (0..1, decimal string) of the top 1%, 5% and 20% of payers (at least one payer each). */
  top1: string;
  top5: string;
  top20: string;
}

/** A point of the Pareto curve (floats, for drawing only). */
export interface ParetoPoint {
  payerShare: number;
  revenueShare: number;
}

export interface TierRow {
  tier: ValueTier;
  players: number;
  lifetimeSpend: Money;
}

export interface RfmSegmentRow {
  segment: string;
  players: number;
  lifetimeSpend: Money;
  /** Mean monetary score (1..5) of the segment's payers, two places. */
  avgMonetary: number;
}

/** The model scores summed up per lifecycle stage. */
export interface StageScores {
  stage: Stage;
  players: number;
  /** Players the engagement model scored (those with a session by its as-of day). */
  scored: number;
  /** Scored players with no repeat active day (x = 0): P(alive) is 1 for them by the model's construction. */
  oneTime: number;
  /** Mean P(alive) of the scored repeat players (x >= 1), one-time players left out; null when there is none. */
  meanPAlive: number | null;
  /** Scored players whose churn risk is high or who are gone. */
  atRisk: number;
  /** Total expected CLV of the stage's payers. */
  expectedClv: Money;
}

/** GET /api/value; asOf is null (and the lists empty) before any data. */
export interface ValueSummary {
  asOf: Day | null;
  server?: string;
  pareto: ParetoSummary | null;
  curve: ParetoPoint[];
  tiers: TierRow[];
  rfm: RfmSegmentRow[];
  /** Every RFM segment, in rule order. */
  rfmSegments: string[];
  /** In the server's (alphabetical) stage order. */
  stageScores: StageScores[];
}

export const VALUE_LIST_NAMES = ['top_spenders', 'big_spenders', 'loyal', 'growth_potential', 'at_risk_high_value'] as const;
export type ValueListName = (typeof VALUE_LIST_NAMES)[number];

/** Orders of the value lists, the default first: lifetime spend, churn risk (highest first) or expected CLV. */
export const VALUE_LIST_SORTS = ['spend', 'risk', 'clv'] as const;
export type ValueListSort = (typeof VALUE_LIST_SORTS)[number];

/** ?limit&offset&sort of a list page on top of the value query. */
export interface ValueListQuery extends ValueQuery {
  limit: number;
  offset: number;
  sort: ValueListSort;
}

/** A player of the stage view with their latest model scores. */
export interface ValuedPlayer {
  playerId: string;
  serverId: string;
  stage: Stage;
  status: StageStatus;
  tier: ValueTier;
  tenureDays: number;
  idleDays: number;
  payingDays: number;
  lifetimeSpend: Money;
  recentSpend: Money;
  priorSpend: Money;
  /** Model scores of the latest successful runs; null where a model has not scored the player (CLV: non-payers). */
  pAlive: number | null;
  riskTier: RiskTier | null;
  expectedClv: Money | null;
}

export interface ValueListPlayer extends ValuedPlayer {
  /** Last day with a payment up to the as-of day; null for non-payers. */
  lastPayDay: Day | null;
}

export interface ValueListPage {
  total: number;
  players: ValueListPlayer[];
}

/** GET /api/value/lists/:name: the query echoed with the page, or an empty page before any data. */
export type ValueList = { list: ValueListName } & (ValueListPage | (ValueListQuery & ValueListPage));
