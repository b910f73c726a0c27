/**
 * Projected retention of recent cohorts with the shifted-beta-geometric model
 * (DESIGN section 7, server/models/sbg.ts). A cohort is the players new in one
 * week or calendar month. Survival is read from activity with right-censoring
 * handled: a member's first stay ends at the first active period followed by
 * QUIET_PERIODS periods without a session (two weeks, or one month), and they
 * count as still there at period t when their stay reaches t. A loss is
 * counted only once its quiet spell lies inside the complete periods; a stay
 * that may still go on is censored at the last reported period. Every
 * reported period is thus measured the same way and never changes as data
 * arrive (reading "active in any later period" instead let late returns lift
 * the early periods but not the latest ones, which therefore read low). The
 * first stay is also what sBG models: it has no comeback after leaving.
 * The counts only fall, as the model needs; a cohort needs
 * MIN_SURVIVAL_PERIODS reported periods after period 0 to be fitted.
 */
import type { CohortProjection, CohortProjections, ProjectionGrain } from '../../contract/models.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Db } from '../db/client.ts';
import { addDays, weekStartOf } from '../days.ts';
import { cohortStayEnds, type StayEndCount } from '../queries/models/cohortSurvival.ts';
import { fitSbg, sbgSurvival } from './sbg.ts';

/** Reported periods after period 0 a cohort needs: two period-to-period rates for the two parameters. */
export const MIN_SURVIVAL_PERIODS = 2;

/** Periods without a session that end a stay: a two-week break, or a whole quiet month. */
export const QUIET_PERIODS: Record<ProjectionGrain, number> = { week: 2, month: 1 };

/** Complete periods a cohort needs to be fitted: a loss at period t is confirmed by the quiet spell t..t + quiet - 1, so reporting periods up to MIN_SURVIVAL_PERIODS takes quiet - 1 more. */
const completeNeeded = (grain: ProjectionGrain) => MIN_SURVIVAL_PERIODS + QUIET_PERIODS[grain];

/** Periods projected when the request names none: a year either way. */
export const DEFAULT_HORIZON: Record<ProjectionGrain, number> = { month: 12, week: 26 };

export interface CohortQuery {
  grain: ProjectionGrain;
  /** How many cohorts at most, the most recent with enough complete periods (completeNeeded) last. */
  cohorts: number;
  /** Periods to project, from 0. */
  horizon: number;
  server: string;
  weekStart: 1 | 7;
}

/** The projections up to the last day with data (none before any data). */
export async function cohortProjectionAnswer(db: Db, q: CohortQuery): Promise<CohortProjections> {
  const lastDay = await resolveAsOf(db);
  const quietPeriods = QUIET_PERIODS[q.grain];
  if (!lastDay) return { grain: q.grain, lastDay: null, horizon: q.horizon, quietPeriods, cohorts: [] };
  return { grain: q.grain, lastDay, horizon: q.horizon, quietPeriods, cohorts: await cohortProjections(db, q, lastDay) };
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

function addMonths(first: string, n: number): string {
  const [y, m] = first.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}-01`;
}

/** The first day of the cohort `k` cohorts after `cohort`, and the last day of its period t. */
const shift = (grain: ProjectionGrain, cohort: string, k: number) => (grain === 'week' ? addDays(cohort, 7 * k) : addMonths(cohort, k));
const periodEnd = (grain: ProjectionGrain, cohort: string, t: number) => addDays(shift(grain, cohort, t + 1), -1);

/** The first day of the last period (week or month) that ends by lastDay. */
function lastCompletePeriod(grain: ProjectionGrain, lastDay: string, weekStart: 1 | 7): string {
  if (grain === 'week') {
    const week = weekStartOf(lastDay, weekStart);
    return addDays(week, 6) === lastDay ? week : addDays(week, -7);
  }
  const month = monthStart(lastDay);
  return addDays(addMonths(month, 1), -1) === lastDay ? month : addMonths(month, -1);
}

/** The latest cohort whose first completeNeeded periods end by lastDay. */
const latestFittable = (grain: ProjectionGrain, lastDay: string, weekStart: 1 | 7) =>
  shift(grain, lastCompletePeriod(grain, lastDay, weekStart), 1 - completeNeeded(grain));

/**
 * Survivors at the end of periods 0..complete - quiet from the members' stay
 * ends: those whose stay ends at t or later. A stay ending at t < complete - quiet
 * was followed by a whole quiet spell inside the complete periods; a later one
 * may go on, so they count as still there at the last reported period (right-censored there).
 */
export function survivorsFromStayEnds(stays: readonly Pick<StayEndCount, 'stayEnd' | 'players'>[], complete: number, quiet: number): number[] {
  const reported = Math.max(0, complete - quiet);
  return Array.from({ length: reported + 1 }, (_, t) => stays.filter((s) => s.stayEnd >= t).reduce((n, s) => n + Number(s.players), 0));
}

async function cohortProjections(db: Db, q: CohortQuery, lastDay: string): Promise<CohortProjection[]> {
  const latest = latestFittable(q.grain, lastDay, q.weekStart);
  const first = shift(q.grain, latest, 1 - q.cohorts);
  const quiet = QUIET_PERIODS[q.grain];
  const until = periodEnd(q.grain, lastCompletePeriod(q.grain, lastDay, q.weekStart), 0);
  const counts = await cohortStayEnds(db, q.grain, quiet, {
    from: first,
    to: periodEnd(q.grain, latest, 0),
    until,
    server: q.server,
    wmode: q.weekStart === 1 ? 1 : 0,
  });
  // Cohorts with no new player (before the data starts, say) have nothing to show and are left out.
  const cohorts = [...new Set(counts.map((c) => c.cohort))].sort();
  return cohorts.map((cohort): CohortProjection => {
    const rows = counts.filter((c) => c.cohort === cohort);
    let complete = 0;
    while (periodEnd(q.grain, cohort, complete) <= until) complete++;
    const survivors = survivorsFromStayEnds(rows, complete, quiet);
    const size = survivors[0];
    const fit = fitSbg(survivors);
    const fitted = fit.status === 'too_few_players' ? null : fit;
    return {
      cohort,
      size,
      survivors,
      observed: survivors.map((s) => (size > 0 ? s / size : 0)),
      status: fit.status,
      message: fit.message,
      note: fit.note,
      params: fitted?.params ?? null,
      logLikelihood: fitted?.logLikelihood ?? null,
      projected: fit.status === 'ok' ? sbgSurvival(fit.params, q.horizon) : null,
    };
  });
}
