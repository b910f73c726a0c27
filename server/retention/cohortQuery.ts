import type { Day } from '../../contract/common.ts';
import type { Grain } from '../../contract/retention.ts';
import { addDays, weekStartOf } from '../days.ts';
import { invalid } from '../domainError.ts';

/** At most this many cohorts per request: the heatmap stays readable and the query bounded. */
export const MAX_COHORTS = { day: 90, week: 26 } as const;

/**
 * The cohorts a request covers: by default the 30 daily (or 12 weekly)
 * cohorts ending on the last day with data; weekly ranges widen to whole weeks.
 */
export function cohortRange(grain: Grain, asked: { from?: Day; to?: Day }, lastDay: Day, weekStart: 1 | 7): { from: Day; to: Day } {
  let to = asked.to ?? lastDay;
  let from = asked.from ?? (grain === 'day' ? addDays(to, -29) : addDays(weekStartOf(to, weekStart), -7 * 11));
  if (from > to) throw invalid(`from (${from}) is after to (${to})`);
  if (grain === 'week') {
    from = weekStartOf(from, weekStart);
    to = addDays(weekStartOf(to, weekStart), 6);
  }
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  const cohorts = grain === 'day' ? days : days / 7;
  if (cohorts > MAX_COHORTS[grain]) throw invalid(`at most ${MAX_COHORTS[grain]} ${grain === 'day' ? 'daily' : 'weekly'} cohorts per request; narrow from/to`);
  return { from, to };
}
