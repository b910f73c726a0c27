import type { Day } from '../../contract/common.ts';
import {
  COMPARED_FIGURES,
  type CohortRates,
  type ComparedFigure,
  type DailyRow,
  type Kpis,
  type PreviousPeriod,
  type RangeQuery,
  type StageSummary,
} from '../../contract/overview.ts';
import { addDays, daysBetween } from '../days.ts';
import type { CohortCounts } from '../queries/overview/cohortRatesSql.ts';

/** The days of the same number just before the range (the period its figures are compared with). */
export function previousRange(f: RangeQuery): RangeQuery {
  const n = daysBetween(f.from, f.to).length;
  return { ...f, from: addDays(f.from, -n), to: addDays(f.from, -1) };
}

/** Stage counts are compared with the snapshot a week earlier. */
export const STAGE_COMPARISON_DAYS = 7;
export const stageComparisonDay = (asOf: Day): Day => addDays(asOf, -STAGE_COMPARISON_DAYS);

/**
 * current / previous - 1; null when there is nothing to compare with: previous
 * missing, 0, or below 0 (refunds beyond the payments), where a ratio has no meaning.
 */
export function relativeChange(current: number, previous: number | null): number | null {
  return previous === null || !(previous > 0) ? null : current / previous - 1;
}

/** A share's change in points (as a difference of ratios, 0.02 = 2 points); null when either share is missing. */
export function pointsChange(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

const ratio = (part: number, whole: number) => (Number(whole) === 0 ? null : Number(part) / Number(whole));

/** The rates of the counts; null where the cohorts are empty. */
export function cohortRatesOf(c: CohortCounts): CohortRates {
  return {
    retentionD1: ratio(c.retained1, c.size1),
    retentionD7: ratio(c.retained7, c.size7),
    retentionD30: ratio(c.retained30, c.size30),
    payingConversion: ratio(c.payers6, c.size6),
  };
}

type Figures = Kpis & CohortRates;

/** Each compared figure's change, as COMPARED_FIGURES says: relative for counts and money, points for shares. */
export function changes(current: Figures, previous: Figures): Record<ComparedFigure, number | null> {
  const out = {} as Record<ComparedFigure, number | null>;
  for (const [key, kind] of Object.entries(COMPARED_FIGURES) as [ComparedFigure, (typeof COMPARED_FIGURES)[ComparedFigure]][]) {
    out[key] =
      kind === 'points'
        ? pointsChange(current[key] as number | null, previous[key] as number | null)
        : relativeChange(Number(current[key]), Number(previous[key]));
  }
  return out;
}

/** The previous period as the answer carries it. */
export function previousPeriod(range: RangeQuery, current: Figures, kpis: Kpis, cohorts: CohortRates, daily: DailyRow[]): PreviousPeriod {
  return { from: range.from, to: range.to, kpis, cohorts, daily, changes: changes(current, { ...kpis, ...cohorts }) };
}

/** Adds the week-before counts to a day's stage summary; `before` is null when that day has no snapshot. */
export function withStageChange(now: StageSummary, before: StageSummary | null): StageSummary {
  const playersBefore = (stage: string) => (before ? (before.counts.find((c) => c.stage === stage)?.players ?? 0) : null);
  return {
    ...now,
    lostBefore: before ? before.lost : null,
    counts: now.counts.map((c) => {
      const prior = playersBefore(c.stage);
      return { ...c, playersBefore: prior, change: relativeChange(c.players, prior) };
    }),
  };
}
