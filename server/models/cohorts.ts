/**
 * Projected retention of recent cohorts with the shifted-beta-geometric model
 * (DESIGN section 7, server/models/sbg.ts). A cohort is the players new in one
 * week or calendar month; a member is counted as still there at the end of
 * period t when they were active (a session) in any later period, so the
 * counts only fall, as the model needs. Only complete periods are used, and a
 * cohort needs MIN_COHORT_PERIODS of them to be fitted. Members active last in
 * the final complete period may still come back: the most recent periods
 * count a little low, as any survival read from activity does.
 */
import type { CohortProjection, CohortProjections, ProjectionGrain } from '../../contract/models.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Db } from '../db/client.ts';
import { addDays, weekStartOf } from '../days.ts';
import { cohortLastPeriods } from '../queries/models/cohortSurvival.ts';
import { fitSbg, sbgSurvival } from './sbg.ts';

/** Complete periods (0, 1, 2, ...) a cohort needs: two period-to-period rates for the two parameters. */
export const MIN_COHORT_PERIODS = 3;

/** Periods projected when the request names none: a year either way. */
export const DEFAULT_HORIZON: Record<ProjectionGrain, number> = { month: 12, week: 26 };

export interface CohortQuery {
  grain: ProjectionGrain;
  /** How many cohorts at most, the most recent with MIN_COHORT_PERIODS complete periods last. */
  cohorts: number;
  /** Periods to project, from 0. */
  horizon: number;
  server: string;
  weekStart: 1 | 7;
}

/** The projections up to the last day with data (none before any data). */
export async function cohortProjectionAnswer(db: Db, q: CohortQuery): Promise<CohortProjections> {
  const lastDay = await resolveAsOf(db);
  if (!lastDay) return { grain: q.grain, lastDay: null, horizon: q.horizon, cohorts: [] };
  return { grain: q.grain, lastDay, horizon: q.horizon, cohorts: await cohortProjections(db, q, lastDay) };
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

/** The latest cohort whose first MIN_COHORT_PERIODS periods end by lastDay. */
function latestFittable(grain: ProjectionGrain, lastDay: string, weekStart: 1 | 7): string {
  if (grain === 'week') return weekStartOf(addDays(lastDay, 1 - 7 * MIN_COHORT_PERIODS), weekStart);
  const month = monthStart(lastDay);
  const lastComplete = addDays(addMonths(month, 1), -1) === lastDay ? month : addMonths(month, -1);
  return addMonths(lastComplete, 1 - MIN_COHORT_PERIODS);
}

async function cohortProjections(db: Db, q: CohortQuery, lastDay: string): Promise<CohortProjection[]> {
  const latest = latestFittable(q.grain, lastDay, q.weekStart);
  const first = shift(q.grain, latest, 1 - q.cohorts);
  const counts = await cohortLastPeriods(db, q.grain, {
    from: first,
    to: periodEnd(q.grain, latest, 0),
    until: lastDay,
    server: q.server,
    wmode: q.weekStart === 1 ? 1 : 0,
  });
  // Cohorts with no new player (before the data starts, say) have nothing to show and are left out.
  const cohorts = [...new Set(counts.map((c) => c.cohort))].sort();
  return cohorts.map((cohort): CohortProjection => {
    const rows = counts.filter((c) => c.cohort === cohort);
    let complete = 0;
    while (periodEnd(q.grain, cohort, complete) <= lastDay) complete++;
    const size = rows.reduce((s, r) => s + Number(r.players), 0);
    const survivors = Array.from({ length: complete }, (_, t) =>
      t === 0 ? size : rows.filter((r) => r.lastPeriod >= t).reduce((s, r) => s + Number(r.players), 0),
    );
    const fit = fitSbg(survivors);
    const fitted = fit.status === 'too_few_players' ? null : fit;
    return {
      cohort,
      size,
      survivors,
      observed: survivors.map((s) => (size > 0 ? s / size : 0)),
      status: fit.status,
      message: fit.message,
      params: fitted?.params ?? null,
      logLikelihood: fitted?.logLikelihood ?? null,
      projected: fit.status === 'ok' ? sbgSurvival(fit.params, q.horizon) : null,
    };
  });
}
