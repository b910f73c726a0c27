// GET /api/overview and GET /api/stages/trend.
import type { Day, Money } from './common.ts';
import type { Stage } from './enums.ts';

/** ?from&to&server; the server's default is all servers over the 30 days ending on the last day with data. */
export interface RangeQuery {
  from: Day;
  to: Day;
  server: string;
}

/** DAU / WAU / MAU end on `to`; active and paying players and revenue cover the whole range (DESIGN section 5). */
export interface WindowKpis {
  dau: number;
  wau: number;
  mau: number;
  activePlayers: number;
  payingPlayers: number;
  revenue: Money;
  /** Share of active players who paid, 0..1. */
  payingRate: number;
  arpu: Money;
  arppu: Money;
}

export interface Kpis extends WindowKpis {
  avgDau: number;
  newPlayers: number;
}

export interface StageCount {
  stage: Stage;
  players: number;
  /** What these players paid in the stage rules' recent window (14 days by default) ending on asOf. */
  recentSpend: Money;
  /** The stage's players on comparedTo; null when that day has no snapshot. */
  playersBefore: number | null;
  /** players / playersBefore - 1; null without a snapshot or when playersBefore is 0. */
  change: number | null;
}

/** The four stages of the active base on one day; lost players are counted apart. */
export interface StageSummary {
  asOf: Day;
  /** asOf - 7 days: the day the counts are compared with. */
  comparedTo: Day;
  counts: StageCount[];
  lost: number;
  lostBefore: number | null;
}

/**
 * Retention and paying conversion of recent cohorts (metric definitions retentionD1/D7/D30,
 * payingConversion): pooled over the cohorts whose day n falls in the range; a
 * server filter picks the players who started on that server. null when those cohorts are empty.
 */
export interface CohortRates {
  retentionD1: number | null;
  retentionD7: number | null;
  retentionD30: number | null;
  payingConversion: number | null;
}

/** A figure against the previous period: relative for counts and money, a difference for shares. */
export type ChangeKind = 'relative' | 'points';

/** The figures compared with the previous period, and how each change is expressed. */
export const COMPARED_FIGURES = {
  dau: 'relative',
  avgDau: 'relative',
  wau: 'relative',
  mau: 'relative',
  newPlayers: 'relative',
  activePlayers: 'relative',
  payingPlayers: 'relative',
  revenue: 'relative',
  payingRate: 'points',
  arpu: 'relative',
  arppu: 'relative',
  retentionD1: 'points',
  retentionD7: 'points',
  retentionD30: 'points',
  payingConversion: 'points',
} as const satisfies Record<keyof Kpis | keyof CohortRates, ChangeKind>;
export type ComparedFigure = keyof typeof COMPARED_FIGURES;

/** The same figures over the days of the same number just before the range. */
export interface PreviousPeriod {
  from: Day;
  to: Day;
  kpis: Kpis;
  cohorts: CohortRates;
  /** Its days, for the sparklines that run on into the range. */
  daily: DailyRow[];
  /** Current against previous per figure (COMPARED_FIGURES says how); null where the previous figure is missing, or 0 or less for a relative change. */
  changes: Record<ComparedFigure, number | null>;
}

/** One day of the range (days without activity as zeros); revenue is that day's. */
export interface DailyRow {
  day: Day;
  dau: number;
  newPlayers: number;
  payers: number;
  revenue: Money;
}

/** GET /api/overview */
export interface Overview extends RangeQuery {
  kpis: Kpis;
  cohorts: CohortRates;
  previous: PreviousPeriod;
  stages: StageSummary;
  daily: DailyRow[];
}

/** Players per stage on one day of the active base (lost players excluded). */
export type StageTrendDay = { day: Day } & Record<Stage, number>;

/** GET /api/stages/trend */
export interface StageTrend extends RangeQuery {
  days: StageTrendDay[];
}
