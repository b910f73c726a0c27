// Shapes of the /api JSON responses. Money is a decimal string and is only ever formatted, never summed.

export type Stage = 'exploration' | 'growth' | 'stable' | 'decline';
export type Money = string;
/** A calendar day in the game time zone, YYYY-MM-DD. */
export type Day = string;

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
  kind: 'sessions' | 'payments';
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

export interface ThresholdDef {
  name: string;
  type: string;
  group: 'window' | 'exploration' | 'decline' | 'growth' | 'status' | 'tiers';
  min: number;
  max: number;
  exclusive?: boolean;
}

export interface RulesVersion {
  version: number;
  author: string;
  note: string;
  restoredFrom: number;
  createdAt: string;
}

export interface LifecycleSettings {
  active: RulesVersion & { rules: Record<string, string> };
  versions: RulesVersion[];
  thresholds: ThresholdDef[];
}

export interface RulesPreview {
  asOf: Day | null;
  valid: boolean;
  /** code names the message in settings.err.<code>, filled with vars. */
  errors: { field: string; code: string; vars: Record<string, string | number>; message: string }[];
  moves: { from: FlowKey; to: FlowKey; players: number; revenue: Money }[];
}

export interface BacktestRow {
  stage: Stage;
  players: number;
  stillActive: number;
  lapsed: number;
  stillActiveShare: number;
  lapsedShare: number;
  revenuePerPlayer: Money;
}

export interface Backtest {
  day: Day;
  through: Day;
  days: number;
  active: BacktestRow[];
  draft: BacktestRow[] | null;
}

export type ModelKind = 'engagement' | 'monetary';
export type ModelUnit = 'day' | 'week';
/** Churn-risk tiers, highest risk first. */
export type RiskTier = 'gone' | 'high' | 'medium' | 'low';
/** ok: a stable maximum; the others say why a fit is unusable. */
export type FitStatus = 'ok' | 'too_few_players' | 'not_converged' | 'degenerate';

export interface ClvSettings {
  monthlyDiscount: number;
  horizonMonths: number;
}

/** One model's fit within a run; params and log-likelihood are missing when nothing could be fitted. */
export interface FitSummary {
  status: FitStatus;
  message: string;
  players: number;
  params?: Record<string, number>;
  logLikelihood?: number;
  iterations?: number;
}

export interface ModelRun {
  runId: string;
  kind: ModelKind;
  unit: ModelUnit;
  /** Calibration end: the fit saw every day up to and including it. */
  asOf: Day;
  startedAt: string;
  finishedAt: string;
  /** Only an ok run replaces the scores; after a failed or skipped one the previous scores stay. */
  status: 'ok' | 'failed' | 'skipped';
  message: string;
  /** Every fitted parameter by name ({} when nothing was fitted). */
  params: Record<string, number>;
  /** Of the BG/NBD fit. */
  logLikelihood: number | null;
  players: number;
  /** Distinct (x, t_x, T) summaries the fit read. */
  triples: number;
  iterations: number;
  scoredPlayers: number;
  seconds: { stats: number; fit: number; score: number };
  details: { clv: ClvSettings | null; fits?: { bgnbd: FitSummary; gammaGamma?: FitSummary } };
}

export interface RiskTierRule {
  tier: RiskTier;
  /** null: no limit (the last tier). */
  belowPAlive: number | null;
  belowExpectedDays30: number | null;
}

export interface ModelsStatus {
  /** The runs whose scores are served, per kind. */
  current: Record<ModelKind, ModelRun | null>;
  /** The last attempt of each kind, whatever its status. */
  latest: Record<ModelKind, ModelRun | null>;
  /** The latest runs, newest first. */
  recent: ModelRun[];
  riskTiers: RiskTierRule[];
  clv: ClvSettings;
  currency: string;
}

export interface FitAnswer {
  /** null when there is no data yet. */
  asOf: Day | null;
  unit: ModelUnit;
  runs: ModelRun[];
}

export interface TrustQuery {
  kind: ModelKind;
  calibrationEnd: Day;
  holdoutDays: string;
}

export interface TrustBucket {
  /** Calibration repeat transactions; the last bucket holds that many or more. */
  bucket: number;
  label: string;
  players: number;
  /** Expected holdout transactions of the bucket's players; null when the fit is unusable. */
  predicted: number | null;
  actual: number;
}

export interface TrustResult {
  kind: ModelKind;
  unit: ModelUnit;
  calibrationEnd: Day;
  holdoutDays: number;
  holdoutEnd: Day;
  status: FitStatus;
  message: string;
  params: Record<string, number> | null;
  logLikelihood: number | null;
  players: number;
  iterations: number | null;
  buckets: TrustBucket[];
}

/** The trust answer before any data. */
export interface TrustEmpty {
  status: 'too_few_players';
  message: string;
  buckets: [];
}

export interface SegmentClv {
  stage: Stage;
  tier: Tier;
  players: number;
  retained: number;
  revenue: Money;
  /** M: the segment's revenue per player per period. */
  margin: Money;
  /** r: retained / players. */
  retention: number;
  /** CLV per player of the segment. */
  clv: Money;
  /** Each period's discounted expected margin. */
  contributions: number[];
}

export type SegmentClvs =
  | { asOf: Day; from: Day; periodDays: number; discount: number; horizon: number; currency: string; segments: SegmentClv[] }
  | { asOf: null; message: string; currency: string; segments: [] };

export type ProjectionGrain = 'month' | 'week';

export interface CohortProjection {
  /** First day of the cohort's week or month. */
  cohort: Day;
  size: number;
  /** Members still there at the end of each complete period (survivors[0] = size). */
  survivors: number[];
  observed: number[];
  status: FitStatus;
  message: string;
  params: { alpha: number; beta: number } | null;
  logLikelihood: number | null;
  /** Fitted share still there at the end of periods 0..horizon; null unless the fit is ok. */
  projected: number[] | null;
}

export interface CohortProjections {
  grain: ProjectionGrain;
  lastDay: Day | null;
  horizon: number;
  cohorts: CohortProjection[];
}
