// Requests and responses of /api/models/*: the lifetime-model runs, the holdout check, segment CLV and cohort projections.
import type { Day, Money } from './common.ts';
import type { RiskTier, Stage, ValueTier } from './enums.ts';

/** engagement: active days of every player; monetary: purchase days and spend of payers. */
export const MODEL_KINDS = ['engagement', 'monetary'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** The models' time unit; weeks are 7 days. */
export const MODEL_UNITS = ['day', 'week'] as const;
export type ModelUnit = (typeof MODEL_UNITS)[number];

/** ok: a stable maximum; the others say why a fit is unusable. */
export type FitStatus = 'ok' | 'too_few_players' | 'not_converged' | 'degenerate';

/** What a fit, a run or a check says of itself, as a code the dashboard words (server/models/notes.ts has the English). */
export const MODEL_NOTE_CODES = [
  'converged',
  'no_stable_maximum',
  'runs_off',
  'mean_spend_infinite',
  'too_few_players',
  'too_few_repeaters',
  'too_few_repeat_payers',
  'cohort_too_small',
  'no_data',
  'no_players',
  'no_payers',
  'scored',
  'error',
  'fit_unusable',
  'segments_need_snapshots',
] as const;
export type ModelNoteCode = (typeof MODEL_NOTE_CODES)[number];

/** A note with its values; `cause` is the fit's own note under a run's fit_unusable. */
export interface ModelNote {
  code: ModelNoteCode;
  values: Record<string, string | number>;
  cause?: ModelNote;
}

export type BgNbdParams = { r: number; alpha: number; a: number; b: number };
export type SbgParams = { alpha: number; beta: number };

export interface ClvSettings {
  monthlyDiscount: number;
  horizonMonths: number;
}

/** One model's fit within a run; params and log-likelihood are missing when nothing could be fitted. */
export interface FitSummary {
  status: FitStatus;
  message: string;
  /** The message as a code the dashboard words; missing where kept by a run recorded before notes existed. */
  note?: ModelNote;
  players: number;
  params?: Record<string, number>;
  logLikelihood?: number;
  iterations?: number;
}

/** Only an ok run replaces the scores; after a failed or skipped one the previous scores stay. */
export type ModelRunStatus = 'ok' | 'failed' | 'skipped';

export interface ModelRun {
  runId: string;
  kind: ModelKind;
  unit: ModelUnit;
  /** Calibration end: the fit saw every day up to and including it. */
  asOf: Day;
  startedAt: string;
  finishedAt: string;
  status: ModelRunStatus;
  message: string;
  /** The message as a code to word; null on runs recorded before notes existed (show the message). */
  note: ModelNote | null;
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
  /** The CLV settings used (monetary runs), each model's fit summary and the holdout check made with the fit. */
  details: { clv: ClvSettings | null; fits?: { bgnbd: FitSummary; gammaGamma?: FitSummary }; holdout?: TrustResult };
}

export interface RiskTierRule {
  tier: RiskTier;
  /** null on the wire: no limit (the last tier). */
  belowPAlive: number | null;
  belowExpectedDays30: number | null;
}

/** GET /api/models */
export interface ModelsStatus {
  /** The runs whose scores are served, per kind. */
  current: Record<ModelKind, ModelRun | null>;
  /** The last attempt of each kind, whatever its status. */
  latest: Record<ModelKind, ModelRun | null>;
  /** The latest runs, newest first. */
  recent: ModelRun[];
  riskTiers: readonly RiskTierRule[];
  clv: ClvSettings;
  currency: string;
}

/** POST /api/models/fit body. */
export interface FitRequest {
  /** Calibration end (default: the last complete day with data). */
  asOf?: Day;
  unit?: ModelUnit;
}

/** POST /api/models/fit */
export interface FitAnswer {
  /** null when there is no data yet. */
  asOf: Day | null;
  unit: ModelUnit;
  runs: ModelRun[];
}

/** Holdout days of the check the model refresh makes, and of GET /api/models/trust by default. */
export const DEFAULT_HOLDOUT_DAYS = 28;

/** GET /api/models/trust query; absent fields take the server's defaults. */
export interface TrustQuery {
  kind?: ModelKind;
  unit?: ModelUnit;
  calibrationEnd?: Day;
  holdoutDays?: string;
  server?: string;
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
  server: string;
  holdoutEnd: Day;
  status: FitStatus;
  message: string;
  /** The message as a code the dashboard words; missing where kept by a run recorded before notes existed. */
  note?: ModelNote;
  params: BgNbdParams | null;
  logLikelihood: number | null;
  players: number;
  iterations: number | null;
  buckets: TrustBucket[];
  /** The as-of day of the model refresh that made this check with its fit; null when it was made for this request. */
  withFit: Day | null;
}

/** The trust answer before any data. */
export interface TrustEmpty {
  status: 'too_few_players';
  message: string;
  /** The message as a code the dashboard words in the user's language. */
  note: ModelNote;
  buckets: [];
}

/** GET /api/models/trust */
export type TrustAnswer = TrustResult | TrustEmpty;

/** GET /api/models/segments query. */
export interface SegmentsQuery {
  asOf?: Day;
  server?: string;
}

export interface SegmentClv {
  stage: Stage;
  tier: ValueTier;
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
  /** 95% Wilson interval of the retention rate r from its binomial uncertainty (retained of players). */
  retentionLow: number;
  retentionHigh: number;
  /** CLV per player at the ends of the retention interval (M, i and T held): its 95% interval. */
  clvLow: Money;
  clvHigh: Money;
  /** Fewer players than the minimum segment size: shown, flagged, not ranked. */
  small: boolean;
  /** 1 = the highest CLV per player among the segments that are not small; null for a small one. */
  rank: number | null;
}

/** GET /api/models/segments: the segments, or why there are none. */
export type SegmentClvs =
  | { asOf: Day; from: Day; periodDays: number; discount: number; horizon: number; minPlayers: number; segments: SegmentClv[]; currency: string }
  | { asOf: null; message: string; note: ModelNote; currency: string; minPlayers: number; segments: [] };

export const PROJECTION_GRAINS = ['month', 'week'] as const;
export type ProjectionGrain = (typeof PROJECTION_GRAINS)[number];

/** GET /api/models/cohorts query. */
export interface CohortsQuery {
  grain?: ProjectionGrain;
  cohorts?: string;
  periods?: string;
  server?: string;
}

export interface CohortProjection {
  /** First day of the cohort's week or month. */
  cohort: Day;
  size: number;
  /**
   * Members still there at the end of each reported period (survivors[0] = size): their first stay (active
   * periods without a quiet spell of quietPeriods between them) reaches it. Period t is reported only once
   * the quietPeriods from t on are complete, so a recent pause is never counted as leaving (right-censoring).
   */
  survivors: number[];
  /** survivors / size. */
  observed: number[];
  status: FitStatus;
  message: string;
  /** The message as a code the dashboard words in the user's language. */
  note: ModelNote;
  params: SbgParams | null;
  logLikelihood: number | null;
  /** Fitted share still there at the end of periods 0..horizon; null unless the fit is ok. */
  projected: number[] | null;
}

/** GET /api/models/cohorts */
export interface CohortProjections {
  grain: ProjectionGrain;
  lastDay: Day | null;
  horizon: number;
  /** Periods without a session that end a stay (2 weeks, 1 month). */
  quietPeriods: number;
  cohorts: CohortProjection[];
}
