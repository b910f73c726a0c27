import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { periodOf, storedCohortFilter, storedMembers, type Grain } from './cohortSql.ts';
import type { CohortFilter } from './filter.ts';
import type { RetainedCell } from './retainedPlayers.ts';

// The cells of each period: k the cohort, n the period, p its active members (cohort days or weeks in the range;
// a day cell may hold revenue alone).
const DAY_CELLS = `SELECT cohort AS k, dateDiff('day', cohort, day) AS n, players AS p FROM cohort_day_cells
  WHERE ${storedCohortFilter('cohort')} AND day <= cohort + {maxN:UInt16} AND players > 0`;
const WEEK_CELLS = `SELECT cohort AS k, intDiv(dateDiff('day', cohort, week), 7) AS n, players AS p FROM cohort_week_cells
  WHERE wmode = {wmode:UInt8} AND ${storedCohortFilter('cohort')} AND week <= cohort + 7 * {maxN:UInt16}`;

/**
 * retainedPlayers from the stored aggregates (sql/028). Classic: the members
 * active in period n, summed over the cells of the starting attributes asked
 * for (daily cells, or the week cells of the week mode since distinct players
 * of a week are no sum of days). Unbounded: members whose last active day
 * falls in period n or later.
 */
export async function storedRetained(db: Db, grain: Grain, mode: 'classic' | 'unbounded', maxN: number, f: CohortFilter): Promise<RetainedCell[]> {
  const sql =
    mode === 'unbounded'
      ? `SELECT toString(cohort) AS cohort, arrayJoin(range(toUInt16(least(last_n, {maxN:UInt16}) + 1))) AS n, count() AS players
         FROM (SELECT cohort, ${periodOf(grain, 'assumeNotNull(last_active)')} AS last_n FROM (${storedMembers(grain)}) WHERE last_active IS NOT NULL)
         GROUP BY cohort, n ORDER BY cohort, n`
      : `SELECT toString(k) AS cohort, n, sum(p) AS players
         FROM (${grain === 'day' ? DAY_CELLS : WEEK_CELLS})
         GROUP BY k, n ORDER BY k, n`;
  return rows<RetainedCell>(db, sql, { ...f, maxN });
}
