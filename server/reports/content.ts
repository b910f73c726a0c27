import { STAGES } from '../../contract/enums.ts';
import type { RetentionCohort as CohortRow } from '../../contract/retention.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { addDays, daysBetween, weekStartOf } from '../days.ts';
import { sumDecimals } from '../money.ts';
import { transitions } from '../queries/lifecycle/transitions.ts';
import { foldStageMix } from '../queries/metrics/stageMix.ts';
import { declineMovers, declineMoverTotals } from '../queries/reports/declineMovers.ts';
import { freshness, ingestInWindow, quarantineInWindow } from '../queries/reports/dataHealth.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { stageCountsOn, type StageCountRow } from '../queries/stages/stageCounts.ts';
import { MAX_N, retentionMatrix } from '../retention/retention.ts';
import { valueListPage } from '../value/lists.ts';
import type {
  AtRiskSummary,
  DataHealthSummary,
  DeclineMoversSummary,
  ReportWindow,
  RetentionBlock,
  RetentionSummary,
  StageMixRow,
  StageMixSummary,
} from './types.ts';

/**
 * The report's sections, one function each. Every number comes from the same
 * modules the dashboard's API answers with (overview stage counts, snapshot
 * transitions, value lists, the retention matrix), for the window's days, so
 * the report and the dashboard agree. Nothing here reads the clock: a section
 * is a function of the data and the window only.
 */

/** The window of the same length that ends the day before `w` starts. */
export function previousWindow(w: ReportWindow): ReportWindow {
  const days = daysBetween(w.from, w.to).length;
  return { from: addDays(w.from, -days), to: addDays(w.from, -1) };
}

/** Stage rows of the active base in lifecycle order: decline split by status; lost players are counted apart. */
export const STAGE_MIX_KEYS: readonly { stage: string; status: string }[] = [
  ...STAGES.filter((s) => s !== 'decline').map((stage) => ({ stage, status: '' })),
  { stage: 'decline', status: 'leaving' },
  { stage: 'decline', status: 'lapsed' },
];

const ratio = (n: number, total: number) => (total === 0 ? 0 : n / total);

/** Folds two days' stage count rows into the stage mix with shares of the active base and the change. */
export function stageMix(asOf: string, rows: StageCountRow[], previousAsOf: string, previousRows: StageCountRow[]): StageMixSummary {
  const now = foldStageMix(rows, 'stageStatus');
  const before = foldStageMix(previousRows, 'stageStatus');
  // Any stage/status pair outside the fixed keys (a rule change could add one) is listed after them, not dropped.
  const extra = [...new Set([...now.cells.keys(), ...before.cells.keys()])]
    .filter((k) => !STAGE_MIX_KEYS.some((s) => `${s.stage}|${s.status}` === k))
    .sort()
    .map((k) => ({ stage: k.split('|')[0], status: k.split('|')[1] }));
  const mixRows: StageMixRow[] = [...STAGE_MIX_KEYS, ...extra].map(({ stage, status }) => {
    const cell = now.cells.get(`${stage}|${status}`);
    const players = cell?.players ?? 0;
    const previousPlayers = before.cells.get(`${stage}|${status}`)?.players ?? 0;
    return {
      stage,
      status,
      players,
      share: ratio(players, now.total),
      recentSpend: sumDecimals(cell?.spend ?? []),
      previousPlayers,
      previousShare: ratio(previousPlayers, before.total),
      change: players - previousPlayers,
    };
  });
  return { asOf, previousAsOf, total: now.total, previousTotal: before.total, lost: now.lost, previousLost: before.lost, rows: mixRows };
}

/** Stage mix on the window's last day against the previous window's last day (the Overview's stage counts of those days). */
export async function stageMixSection(db: Db, w: ReportWindow, prev: ReportWindow): Promise<StageMixSummary> {
  const [now, before] = await Promise.all([stageCountsOn(db, w.to, ''), stageCountsOn(db, prev.to, '')]);
  return stageMix(w.to, now, prev.to, before);
}

/** Players whose stage went from anything else to decline between the two windows' last days (snapshot transitions). */
export async function declineMoversSection(db: Db, w: ReportWindow, prev: ReportWindow, topN: number): Promise<DeclineMoversSummary> {
  const pair = { from: prev.to, to: w.to, server: '' };
  const [flows, totals, top] = await Promise.all([transitions(db, pair), declineMoverTotals(db, pair), declineMovers(db, { ...pair, limit: topN })]);
  const byFrom = flows
    .filter((f) => f.to === 'decline' && f.from !== 'decline')
    .map((f) => ({ from: f.from, players: Number(f.players), lifetimeSpend: f.lifetimeSpend }));
  return { fromDay: prev.to, toDay: w.to, ...totals, byFrom, top };
}

/** The Value page's at-risk high-value list as of the window end, biggest spenders first (its default order). */
export async function atRiskSection(db: Db, w: ReportWindow, topN: number): Promise<AtRiskSummary> {
  const page = await valueListPage(db, 'at_risk_high_value', { asOf: w.to, server: '', limit: topN, offset: 0, sort: 'spend' });
  return { asOf: w.to, total: page.total, top: page.players };
}

/** Retention by period over the cohorts that reached it, weighted by cohort size. */
export function retentionCurve(cohorts: readonly Pick<CohortRow, 'size' | 'players'>[], periods: number): (number | null)[] {
  return Array.from({ length: periods }, (_, n) => {
    const reached = cohorts.filter((c) => c.players[n] !== null && c.players[n] !== undefined);
    const size = reached.reduce((s, c) => s + c.size, 0);
    return size === 0 ? null : reached.reduce((s, c) => s + (c.players[n] ?? 0), 0) / size;
  });
}

/** Weekly cohorts shown: the last complete weeks up to the window end. */
export const REPORT_WEEKS = 8;
/** The Retention page's limit on daily cohorts per request. */
const MAX_DAILY_COHORTS = 90;

/** The cohort ranges of a window: daily cohorts of it and the previous window, and the last complete weeks. */
export function retentionRanges(w: ReportWindow, prev: ReportWindow, weekStart: 1 | 7) {
  const dailyFrom = prev.from < addDays(w.to, -(MAX_DAILY_COHORTS - 1)) ? addDays(w.to, -(MAX_DAILY_COHORTS - 1)) : prev.from;
  // The week holding the day after the window starts after the last complete week, so a window ending
  // mid-week never counts cohort members who arrived after it.
  const nextWeek = weekStartOf(addDays(w.to, 1), weekStart);
  return {
    daily: { from: dailyFrom, to: w.to },
    weekly: { from: addDays(nextWeek, -7 * REPORT_WEEKS), to: addDays(nextWeek, -1) },
  };
}

/** Classic retention of recent cohorts, computed as the Retention page does, reaching no further than the window end. */
export async function retentionSection(db: Db, cfg: Config, w: ReportWindow, prev: ReportWindow): Promise<RetentionSummary> {
  const { maxDay } = await dataDays(db);
  const lastDay = maxDay && maxDay < w.to ? maxDay : w.to;
  const ranges = retentionRanges(w, prev, cfg.weekStart);
  const block = async (grain: 'day' | 'week'): Promise<RetentionBlock> => {
    const range = ranges[grain === 'day' ? 'daily' : 'weekly'];
    const q = { grain, mode: 'classic' as const, ...range, server: '', platform: '', channel: '', wmode: cfg.weekStart === 1 ? (1 as const) : (0 as const) };
    const cohorts = await retentionMatrix(db, q, lastDay);
    return { grain, ...range, lastDay, cohorts, curve: retentionCurve(cohorts, MAX_N[grain] + 1) };
  };
  const [daily, weekly] = await Promise.all([block('day'), block('week')]);
  return { daily, weekly };
}

/** Latest event and file as of the window end, and what the files loaded during the window quarantined. */
export async function dataHealthSection(db: Db, cfg: Config, w: ReportWindow): Promise<DataHealthSummary> {
  const q = { from: w.from, to: w.to, tz: cfg.gameTz };
  const [fresh, ingest, byReason] = await Promise.all([freshness(db, q), ingestInWindow(db, q), quarantineInWindow(db, q)]);
  return {
    latestEventAt: fresh.latestEventAt,
    latestFile: fresh.latestFileName !== null && fresh.latestFileAt !== null ? { name: fresh.latestFileName, ingestedAt: fresh.latestFileAt } : null,
    files: ingest.files,
    rejectedFiles: ingest.rejectedFiles,
    rowsLoaded: ingest.rowsLoaded,
    quarantined: byReason.reduce((n, r) => n + r.rows, 0),
    quarantineByReason: byReason,
  };
}
