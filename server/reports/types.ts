/**
 * The churn report's contract: what a report is built from (a window of game
 * days and options) and what building it returns (an HTML page, CSV files and
 * a JSON summary). Scheduling, storage and delivery use only these shapes.
 */

/** The report's sections, in the order they appear. */
export const REPORT_SECTIONS = ['stage_mix', 'decline_movers', 'at_risk', 'retention', 'offers', 'data_health'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const REPORT_LANGS = ['en', 'zh'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

/** Inclusive game days, YYYY-MM-DD. */
export interface ReportWindow {
  from: string;
  to: string;
}

export interface ReportOptions {
  lang: ReportLang;
  /** How many players the player lists show (movers into decline, at-risk high value). */
  topN: number;
  /** Sections to include; REPORT_SECTIONS order is kept whatever order they are given in. */
  sections: ReportSection[];
}

export interface ReportFile {
  name: string;
  content: string;
}

export interface ReportFiles {
  html: string;
  csv: ReportFile[];
  summary: ReportSummary;
}

/** Players in one stage and status on one day. Money is a decimal string in the base currency. */
export interface StageMixRow {
  stage: string;
  /** '' unless decline: leaving | lapsed | lost. */
  status: string;
  players: number;
  /** players / all players of the day, 0..1. */
  share: number;
  previousPlayers: number;
  previousShare: number;
  /** players - previousPlayers. */
  change: number;
}

export interface StageMixSummary {
  asOf: string;
  previousAsOf: string;
  total: number;
  previousTotal: number;
  rows: StageMixRow[];
}

/** One player who moved into decline, or one at-risk high-value player. */
export interface ReportPlayer {
  playerId: string;
  serverId: string;
  tier: string;
  /** The stage the player came from (movers) or the status in decline (at-risk). */
  from?: string;
  status?: string;
  idleDays: number;
  lifetimeSpend: string;
  recentSpend: string;
  /** Expected lifetime value from the latest model run; null when not scored. */
  expectedClv: string | null;
  riskTier?: string | null;
}

export interface DeclineMoversSummary {
  /** The snapshot days compared: the previous window's last day and this window's last day. */
  fromDay: string;
  toDay: string;
  players: number;
  lifetimeSpend: string;
  recentSpend: string;
  /** Sum of expected CLV over the movers that are scored, and how many are. */
  expectedClv: string;
  scoredPlayers: number;
  /** Movers by the stage they came from. */
  byFrom: { from: string; players: number; lifetimeSpend: string }[];
  top: ReportPlayer[];
}

export interface AtRiskSummary {
  asOf: string;
  total: number;
  top: ReportPlayer[];
}

export interface RetentionCohort {
  cohort: string;
  size: number;
  /** Retained share on day/week n (index n); null where period n was not reached by the window end. */
  rates: (number | null)[];
  players: (number | null)[];
}

export interface RetentionSummary {
  /** Daily cohorts of the window (D0..D7) and the weekly cohorts ending with the window (W0..W4). */
  daily: { from: string; to: string; lastDay: string; cohorts: RetentionCohort[] };
  weekly: { from: string; to: string; lastDay: string; cohorts: RetentionCohort[] };
}

export interface OfferRow {
  offerId: string;
  name: string;
  kind: string;
  audience: number;
  cost: string;
  expectedRetainedRevenue: string;
  /** (expected retained revenue - cost) / cost; null when the cost is zero. */
  roi: number | null;
}

export interface OffersSummary {
  asOf: string;
  offers: OfferRow[];
  audience: number;
  cost: string;
  expectedRetainedRevenue: string;
}

export interface DataHealthSummary {
  /** Latest event time with a game day up to the window end (ISO), null when none. */
  latestEventAt: string | null;
  /** Latest ingested file up to the window end. */
  latestFile: { name: string; ingestedAt: string } | null;
  filesInWindow: number;
  rowsInWindow: number;
  quarantined: number;
  quarantineByReason: { reason: string; rows: number }[];
}

/** JSON-able headline figures; a section is present when it was asked for. No links (delivery adds them). */
export interface ReportSummary {
  window: ReportWindow;
  /** The window of the same length just before it, the base of every "change". */
  previous: ReportWindow;
  lang: ReportLang;
  currency: string;
  topN: number;
  sections: ReportSection[];
  stageMix?: StageMixSummary;
  declineMovers?: DeclineMoversSummary;
  atRisk?: AtRiskSummary;
  retention?: RetentionSummary;
  offers?: OffersSummary;
  dataHealth?: DataHealthSummary;
}
