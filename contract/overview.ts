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
  revenue: Money;
}

/** The four stages of the active base on one day; lost players are counted apart. */
export interface StageSummary {
  asOf: Day;
  counts: StageCount[];
  lost: number;
}

/** One day of the range (days without activity as zeros). */
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
  stages: StageSummary;
  daily: DailyRow[];
}

/** Players per stage on one day of the active base (lost players excluded). */
export type StageTrendDay = { day: Day } & Record<Stage, number>;

/** GET /api/stages/trend */
export interface StageTrend extends RangeQuery {
  days: StageTrendDay[];
}
