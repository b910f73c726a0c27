// The cohort endpoints: GET /api/retention, /api/retention/ltv, /api/retention/filters and /api/retention.csv.
import type { Day, Money } from './common.ts';

export const GRAINS = ['day', 'week'] as const;
export type Grain = (typeof GRAINS)[number];

/** Classic: active in period n itself; unbounded: active in period n or any later one. */
export const RETENTION_MODES = ['classic', 'unbounded'] as const;
export type RetentionMode = (typeof RETENTION_MODES)[number];

/** The cohort query as answered; every field has a server default (the 30 daily or 12 weekly cohorts ending on the last day with data). */
export interface CohortQuery {
  grain: Grain;
  mode: RetentionMode;
  from: Day;
  to: Day;
  server: string;
  platform: string;
  channel: string;
}

/** The query echoed with every answer that has data. */
export interface CohortAnswer extends CohortQuery {
  lastDay: Day;
  /** Number of periods per cohort (D0..D30 or W0..W12). */
  periods: number;
}

export interface RetentionCohort {
  cohort: Day;
  size: number;
  /** Players retained in period n; null where period n has not started by the last day with data. */
  players: (number | null)[];
  /** players / size, 0..1 (null as above). */
  rates: (number | null)[];
  /** The period that has started but not ended by the last day with data (a week in progress), or null: its figures are partial. */
  partialPeriod: number | null;
}

export interface LtvCohort {
  cohort: Day;
  size: number;
  /** Cumulative revenue per member by period n (null where period n has not started). */
  ltv: (Money | null)[];
  /** As in RetentionCohort: the period not yet over by the last day with data, or null. */
  partialPeriod: number | null;
}

/** GET /api/retention; only `cohorts` (empty) before any data. */
export interface Retention extends Partial<CohortAnswer> {
  cohorts: RetentionCohort[];
  /** Per period: retained players over members, pooled over the cohorts that observed the period in full (partial ones left out); null where none did. */
  average?: (number | null)[];
}

/** GET /api/retention/ltv; only `cohorts` (empty) before any data. */
export interface LtvTriangle extends Partial<CohortAnswer> {
  currency?: string;
  cohorts: LtvCohort[];
}

/** GET /api/retention/filters: the platforms and channels players started on. */
export interface RetentionFilters {
  platforms: string[];
  channels: string[];
}
