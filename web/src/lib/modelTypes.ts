// Shapes of the /api/models JSON responses, re-exported by types.ts.
import type { Stage, Tier, Day, Money } from './types.ts';

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
