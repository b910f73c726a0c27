// Shapes of the /api JSON responses (each newer feature in its own file, re-exported below). Money is a decimal string and is only ever formatted, never summed.

import type { RiskTier } from '../../../contract/enums.ts';
export type { RiskTier } from '../../../contract/enums.ts';
export type * from '../../../contract/models.ts';
export type * from '../../../contract/delivery.ts';
export type * from '../../../contract/reports.ts';
export type * from './settingsTypes.ts';

export type { Day, Money } from '../../../contract/common.ts';
export type { Stage } from '../../../contract/enums.ts';
import type { Day, Money } from '../../../contract/common.ts';
import type { Stage } from '../../../contract/enums.ts';

export interface IngestRun {
  runId: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  files: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsDuplicate: number;
  error: string;
}

export interface Health {
  ok: boolean;
  engine: 'embedded' | 'remote';
  version: string;
  database: string;
  gameTz: string;
  baseCurrency: string;
  rows: { sessions: number; payments: number; quarantine: number };
  players: number;
  latestEventTime: string | null;
  lastIngest: IngestRun | null;
}

export interface Meta {
  minDay: Day | null;
  maxDay: Day | null;
  servers: string[];
  gameTz: string;
  /** 1 = weeks start on Monday, 7 = on Sunday. */
  weekStart: 1 | 7;
  baseCurrency: string;
}

export interface Kpis {
  dau: number;
  avgDau: number;
  wau: number;
  mau: number;
  newPlayers: number;
  activePlayers: number;
  payingPlayers: number;
  revenue: Money;
  /** Share of active players who paid, 0..1. */
  payingRate: number;
  arpu: Money;
  arppu: Money;
}

export interface StageCount {
  stage: Stage;
  players: number;
  revenue: Money;
}

export interface DailyRow {
  day: Day;
  dau: number;
  newPlayers: number;
  payers: number;
  revenue: Money;
}

export interface Overview {
  from: Day;
  to: Day;
  server: string;
  kpis: Kpis;
  stages: { asOf: Day; counts: StageCount[]; lost: number };
  daily: DailyRow[];
}

export type StageTrendDay = { day: Day } & Record<Stage, number>;

export interface StageTrend {
  from: Day;
  to: Day;
  server: string;
  days: StageTrendDay[];
}

export interface LedgerEntry {
  fileHash: string;
  fileName: string;
  kind: 'sessions' | 'payments' | 'friends';
  state: 'loading' | 'done' | 'rejected' | 'duplicate';
  rowsTotal: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsDuplicate: number;
  error: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface QuarantinedRow {
  fileName: string;
  line: number;
  reason: string;
  raw: string;
  at: string;
}

export interface IngestStatus {
  ledger: LedgerEntry[];
  quarantine: {
    total: number;
    byReason: { reason: string; rows: number }[];
    recent: QuarantinedRow[];
  };
  lastRun: IngestRun | null;
}

/** Overview filters; empty strings mean "server default" (all servers, the 30 days ending at maxDay). */
export interface RangeQuery {
  from: Day;
  to: Day;
  server: string;
}

/** A transition key: a stage, 'new' (not seen on the earlier day) or 'lost' (past the lost horizon). */
export type FlowKey = Stage | 'new' | 'lost';

export interface TransitionFlow {
  from: FlowKey;
  to: FlowKey;
  players: number;
  /** Lifetime spend on the later day of the players on this flow. */
  revenue: Money;
  recentRevenue: Money;
}

export interface Transitions {
  from: Day | null;
  to: Day | null;
  server: string;
  snapshots: { first: Day; last: Day } | null;
  flows: TransitionFlow[];
}

export interface FlowPlayer {
  playerId: string;
  serverId: string;
  tier: string;
  lifetimeSpend: Money;
  recentSpend: Money;
  idleDays: number;
}

/** Sort direction of a flow's players by lifetime spend. */
export type FlowOrder = 'desc' | 'asc';

export interface FlowPlayers {
  total: number;
  players: FlowPlayer[];
}

export type Grain = 'day' | 'week';

export interface CohortQuery {
  grain: Grain;
  mode: 'classic' | 'unbounded';
  from: Day;
  to: Day;
  server: string;
  platform: string;
  channel: string;
}

interface CohortAnswer extends CohortQuery {
  lastDay: Day;
  /** Number of periods per cohort (D0..D30 or W0..W12). */
  periods: number;
}

export interface RetentionCohort {
  cohort: Day;
  size: number;
  players: (number | null)[];
  rates: (number | null)[];
}

export interface Retention extends Partial<CohortAnswer> {
  cohorts: RetentionCohort[];
}

export interface LtvCohort {
  cohort: Day;
  size: number;
  ltv: (Money | null)[];
}

export interface LtvTriangle extends Partial<CohortAnswer> {
  currency?: string;
  cohorts: LtvCohort[];
}

export interface RetentionFilters {
  platforms: string[];
  channels: string[];
}

export interface PlayerHit {
  playerId: string;
  firstDay: Day;
  lastDay: Day;
  lifetimeSpend: Money;
}

export interface PlayerDay {
  day: Day;
  sessions: number;
  playtimeS: number;
  payments: number;
  revenue: Money;
}

export interface StageRun {
  from: Day;
  to: Day;
  stage: Stage | 'lost';
}

export interface PlayerProfile {
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
  asOf: Day;
  now: {
    stage: Stage;
    status: string;
    tier: 'non_payer' | 'minnow' | 'dolphin' | 'whale';
    tenureDays: number;
    idleDays: number;
    activeR: number;
    activeP: number;
    spendR: Money;
    spendP: Money;
  } | null;
  stageHistory: StageRun[];
  days: PlayerDay[];
  /** Scores of the latest successful model runs; null before any run scored the player. */
  scores: PlayerScores | null;
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

export interface PlayerEvent {
  kind: 'session' | 'payment';
  at: string;
  day: Day;
  serverId: string;
  durationS: number;
  level: number;
  amount: Money;
  sku: string;
}

export type Tier = 'non_payer' | 'minnow' | 'dolphin' | 'whale';

export interface ValueSummary {
  asOf: Day | null;
  server?: string;
  pareto: { payers: number; revenue: Money; top1: string; top5: string; top20: string } | null;
  curve: { payerShare: number; revenueShare: number }[];
  tiers: { tier: Tier; players: number; revenue: Money }[];
  rfm: RfmSegmentRow[];
  /** Every RFM segment, in rule order. */
  rfmSegments: string[];
  /** The model scores summed up per stage, in the server's (alphabetical) order. */
  stageScores: StageScores[];
}

export interface StageScores {
  stage: Stage;
  players: number;
  /** Players the engagement model scored. */
  scored: number;
  /** Mean P(alive) of the scored players; null when none is. */
  meanPAlive: number | null;
  /** Scored players at high churn risk or gone. */
  atRisk: number;
  /** Total expected CLV of the stage's payers. */
  expectedClv: Money;
}

export interface RfmSegmentRow {
  segment: string;
  players: number;
  revenue: Money;
  /** Mean monetary score (1..5). */
  avgMonetary: number;
}

export type ValueListName = 'top_spenders' | 'big_spenders' | 'loyal' | 'growth_potential' | 'at_risk_high_value';

export interface ValuedPlayer {
  playerId: string;
  serverId: string;
  stage: Stage;
  status: string;
  tier: Tier;
  tenureDays: number;
  idleDays: number;
  payingDays: number;
  lifetimeSpend: Money;
  recentSpend: Money;
  priorSpend: Money;
  /** Last day with a payment up to the as-of day; null for non-payers. */
  lastPayDay: Day | null;
  /** Model scores; null where a model has not scored the player (CLV: non-payers). */
  pAlive: number | null;
  riskTier: RiskTier | null;
  expectedClv: Money | null;
}

/** Orders of the value lists: lifetime spend, churn risk (highest first) or expected CLV. */
export type ValueListSort = 'spend' | 'risk' | 'clv';

export interface ValueList {
  list: ValueListName;
  total: number;
  players: ValuedPlayer[];
}
