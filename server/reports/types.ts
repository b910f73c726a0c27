/**
 * The churn report's contract: what a report is built from (a window of game
 * days and options) and what building it returns (an HTML page, CSV files and
 * a JSON summary). Scheduling, storage and delivery use only these shapes.
 */
import type { ReportLang } from '../../contract/enums.ts';
import type { OfferTexts } from '../../contract/offers.ts';
import type { ReportSection, ReportWindow } from '../../contract/reports.ts';
import type { DeclineMoverRow } from '../queries/reports/declineMovers.ts';
import type { RetentionCohort as CohortRow } from '../../contract/retention.ts';
import type { ListedPlayer } from '../value/lists.ts';

export { REPORT_LANGS, type ReportLang } from '../../contract/enums.ts';
export { REPORT_SECTIONS, type ReportOptions, type ReportSection, type ReportWindow } from '../../contract/reports.ts';

/** Most players a report lists per section: a mail stays readable and the CSV small. */
export const MAX_TOP_N = 500;

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
  /** '' unless decline: leaving | lapsed. */
  status: string;
  players: number;
  /** players / the active base (every stage, lost players excluded), 0..1. */
  share: number;
  /** Their spend in the recent stage window before the day. */
  recentSpend: string;
  previousPlayers: number;
  previousShare: number;
  /** players - previousPlayers. */
  change: number;
}

export interface StageMixSummary {
  asOf: string;
  previousAsOf: string;
  /** The active base: players in a stage, lost ones excluded (as the Overview counts them). */
  total: number;
  previousTotal: number;
  /** Players gone past the lost horizon, counted apart. */
  lost: number;
  previousLost: number;
  rows: StageMixRow[];
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
  /** The movers carrying the most lifetime spend, at most topN. */
  top: DeclineMoverRow[];
}

/** The Value page's at_risk_high_value list as of the window end (whales and dolphins in decline, not lost). */
export interface AtRiskSummary {
  asOf: string;
  total: number;
  /** Biggest lifetime spenders first, at most topN, as the list's API gives them. */
  top: ListedPlayer[];
}

/** A cohort row as the Retention page's API gives it. */
export type RetentionCohort = CohortRow;

export interface RetentionBlock {
  grain: 'day' | 'week';
  /** First days of the first and last cohort. */
  from: string;
  to: string;
  /** Periods starting after this day are not reached (the window end, or the last day with data when earlier). */
  lastDay: string;
  cohorts: RetentionCohort[];
  /** Retention by period over all cohorts that reached it: retained players / their cohorts' players. */
  curve: (number | null)[];
}

export interface RetentionSummary {
  /** Daily cohorts of this window and the previous one (so D7 is reached), classic retention, D0..D30. */
  daily: RetentionBlock;
  /** The last 8 complete weeks' cohorts up to the window end, W0..W12. */
  weekly: RetentionBlock;
}

/** One proposed offer, priced as the Offers page prices it. */
export interface OfferRow {
  offerId: string;
  name: string;
  /** The name in other languages; the report shows the one of its language. */
  texts: OfferTexts;
  kind: string;
  /** Players the offer would reach on the day. */
  audience: number;
  cost: string;
  /** Assumed uplift x the audience's expected CLV. */
  expectedRetainedRevenue: string;
  /** expectedRetainedRevenue - cost. */
  net: string;
  /** net / cost; null when the offer costs nothing. */
  roi: number | null;
}

export interface OffersSummary {
  asOf: string;
  /** Best ROI first. */
  offers: OfferRow[];
  /** Sums over the offers (a player may be in several audiences, so audiences are not summed). */
  cost: string;
  expectedRetainedRevenue: string;
  net: string;
}

/** The figures the report opens with: the Overview page's KPIs of the window, each against the previous window. */
export const HEADLINE_FIGURES = ['avgDau', 'activePlayers', 'newPlayers', 'payingPlayers', 'revenue', 'retentionD7'] as const;
export type HeadlineKey = (typeof HEADLINE_FIGURES)[number];

export interface HeadlineFigure {
  key: HeadlineKey;
  /** A count, a decimal money string (revenue) or a share 0..1 (retention); null when there is nothing to measure. */
  value: number | string | null;
  previous: number | string | null;
  /** As the Overview compares it: relative for counts and money, points for shares; null with nothing to compare with. */
  change: number | null;
  kind: 'relative' | 'points';
}

/** The opening summary: what a manager reads first. */
export interface HeadlineSummary {
  figures: HeadlineFigure[];
  /** The stage rows (stage mix) with the largest change in players between the windows' last days, at most three. */
  movements: StageMixRow[];
  /** The offers with the largest positive expected net value on the window's last day, at most three. */
  offers: OfferRow[];
}

export interface DataHealthSummary {
  /** Latest event time (ISO, UTC) on a game day up to the window end; null when none. */
  latestEventAt: string | null;
  /** The last file loaded, whenever (as the report is built): how fresh the data behind it are; null before any load. */
  latestFile: { name: string; ingestedAt: string } | null;
  /** Files whose load finished on a day of the window, rejected ones included, and their rows. */
  files: number;
  rejectedFiles: number;
  rowsLoaded: number;
  quarantined: number;
  quarantineByReason: { reason: string; rows: number }[];
}

/** JSON-able figures; a section is present when it was asked for, the opening summary always. */
export interface ReportSummary {
  window: ReportWindow;
  /** The window of the same length just before it, the base of every "change". */
  previous: ReportWindow;
  lang: ReportLang;
  currency: string;
  topN: number;
  sections: ReportSection[];
  /** PUBLIC_URL when it is set: the page links its figures to the same views on the dashboard; null gives no links and a note. */
  dashboardUrl: string | null;
  headline: HeadlineSummary;
  stageMix?: StageMixSummary;
  declineMovers?: DeclineMoversSummary;
  atRisk?: AtRiskSummary;
  retention?: RetentionSummary;
  offers?: OffersSummary;
  dataHealth?: DataHealthSummary;
  /** Set on a delivered copy without player ids: the lists are empty and the page says where they are. */
  playerIdsLeftOut?: { dashboardUrl: string };
}
