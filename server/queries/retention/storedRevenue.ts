import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { cohortOf, periodOf, storedCohortFilter, storedMembers, type Grain } from './cohortSql.ts';
import type { LtvCell } from './cumulativeRevenue.ts';
import type { CohortFilter } from './filter.ts';

/** cumulativeRevenue from the stored aggregates (sql/028): the daily cells' revenue folded into periods. */
export async function storedRevenue(db: Db, grain: Grain, maxN: number, f: CohortFilter): Promise<LtvCell[]> {
  return rows<LtvCell>(
    db,
    `SELECT toString(cohort) AS cohort, n, toString(round(cum / size, 4)) AS ltv
     FROM (
       SELECT s.cohort AS cohort, s.size AS size, g.n AS n,
              sum(r.rev) OVER (PARTITION BY s.cohort ORDER BY g.n ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum
       FROM (SELECT cohort, count() AS size FROM (${storedMembers(grain)}) GROUP BY cohort) AS s
       CROSS JOIN (SELECT toInt64(number) AS n FROM numbers(toUInt64({maxN:UInt16}) + 1)) AS g
       LEFT JOIN (
         SELECT cohort, n, sum(revenue) AS rev
         FROM (
           SELECT ${cohortOf(grain, 'first')} AS cohort, ${periodOf(grain, 'day')} AS n, revenue
           FROM (SELECT cohort AS first, day, revenue FROM cohort_day_cells WHERE ${storedCohortFilter('cohort')})
         )
         GROUP BY cohort, n
       ) AS r ON r.cohort = s.cohort AND r.n = g.n
     )
     ORDER BY cohort, n
     SETTINGS join_use_nulls = 0`,
    { ...f, maxN },
  );
}
