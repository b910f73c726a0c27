// The stage-rules settings endpoints: /api/settings/lifecycle...
import type { Day, Money } from './common.ts';
import type { FlowKey, Stage } from './enums.ts';

/** Threshold values by name, as decimal strings (money and ratios never go through floats). */
export type Rules = Record<string, string>;

export interface ThresholdDef {
  name: string;
  type: 'UInt16' | 'Decimal(18, 4)' | 'Decimal(9, 4)';
  group: 'window' | 'exploration' | 'decline' | 'growth' | 'status' | 'tiers';
  min: number;
  max: number;
  /** The bound itself is not allowed (ratios and percentiles strictly inside their range). */
  exclusive?: boolean;
}

/**
 * A saved version is pending until the stored stage snapshots are recomputed
 * under it, then published (the newest published version is in force); a
 * version whose recompute failed is never in force.
 */
export type RulesVersionState = 'pending' | 'published' | 'failed';

export interface RulesVersion {
  version: number;
  author: string;
  note: string;
  restoredFrom: number;
  createdAt: string;
  state: RulesVersionState;
}

/** GET /api/settings/lifecycle/versions/:v (and the active version of GET /api/settings/lifecycle). */
export interface RulesVersionWithRules extends RulesVersion {
  rules: Rules;
}

/** GET /api/settings/lifecycle */
export interface LifecycleSettings {
  /** The version in force: every page shows stages under it. */
  active: RulesVersionWithRules;
  versions: RulesVersion[];
  thresholds: readonly ThresholdDef[];
}

/**
 * GET /api/settings/lifecycle/recompute: the background job that recomputes
 * the stored daily stage snapshots under a saved version, then publishes it.
 * One runs at a time; while it runs, every page shows `inForce`.
 */
export interface RulesRecompute {
  /** idle: none since the start; running: `version` is being applied; done: published; failed: see `error`, `inForce` unchanged. */
  state: 'idle' | 'running' | 'done' | 'failed';
  /** The version being (or last) recomputed; null when idle. */
  version: number | null;
  /** The version in force now. */
  inForce: number;
  /** Whole percent of the days done (0..100). */
  percent: number;
  daysDone: number;
  daysTotal: number;
  /** ISO instants. */
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/** Why a value is refused; the dashboard words each code (settings.err.<code>) in its own language from `vars`. */
export type RuleErrorCode =
  | 'required'
  | 'whole'
  | 'decimal'
  | 'range'
  | 'range_strict'
  | 'explore_order'
  | 'days_in_window'
  | 'lapsed_after_decline'
  | 'lost_after_lapsed'
  | 'whale_above_dolphin';

export interface RuleError {
  field: string;
  code: RuleErrorCode;
  vars: Record<string, string | number>;
  /** The English wording, for API clients and logs. */
  message: string;
}

/** POST /api/settings/lifecycle/preview: a draft, against the active rules, as of a day (absent or empty: the last day with data). */
export interface RulesPreviewRequest {
  rules: Rules;
  asOf?: Day;
}

/** How many players (and how much lifetime spend) a stage would send to another. */
export interface StageMove {
  from: FlowKey;
  to: FlowKey;
  players: number;
  lifetimeSpend: Money;
}

/** POST /api/settings/lifecycle/preview */
export interface RulesPreview {
  asOf: Day | null;
  valid: boolean;
  errors: RuleError[];
  moves: StageMove[];
}

/** POST /api/settings/lifecycle/backtest: a past day (absent or empty: the latest one with 28 days of data after it) and an optional draft. */
export interface BacktestRequest {
  day?: Day;
  rules?: Rules;
}

export interface BacktestRow {
  stage: Stage;
  players: number;
  /** Players with a session in the 28 days after the day. */
  stillActive: number;
  /** Players with no session in those 28 days. */
  lapsed: number;
  /** stillActive / players and lapsed / players, 4 places. */
  stillActiveShare: number;
  lapsedShare: number;
  /** Revenue in those 28 days per player of the stage (4 places). */
  revenuePerPlayer: Money;
}

/** Players idle for a span of days on the back-test day, and how many came back. */
export interface IdleReturnRow {
  fromIdleDays: number;
  /** Exclusive; null for the last span (that many idle days or more). */
  toIdleDays: number | null;
  players: number;
  /** Players with a session in the days after the back-test day. */
  returned: number;
  /** returned / players, 4 places. */
  returnedShare: number;
}

/** POST /api/settings/lifecycle/backtest */
export interface Backtest {
  day: Day;
  through: Day;
  days: number;
  active: BacktestRow[];
  draft: BacktestRow[] | null;
  /** How often players idle for so long came back: the evidence for the lapsed and lost thresholds. */
  idleReturns: IdleReturnRow[];
}

/** POST /api/settings/lifecycle: the rules to save as the new active version. */
export interface SaveRulesRequest {
  rules: Rules;
  author: string;
  note?: string;
}

/** POST /api/settings/lifecycle/versions/:v/restore */
export interface RestoreRulesRequest {
  author: string;
}

/**
 * POST /api/settings/lifecycle and .../restore (202): the new version, pending,
 * and its recompute, started in the background. Refused with 409 while
 * another version's recompute runs.
 */
export interface SavedRules {
  version: number;
  recompute: RulesRecompute;
}
