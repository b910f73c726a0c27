import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { cohortMembers, periodOf, type Grain } from './cohortSql.ts';
import type { CohortFilter } from './filter.ts';

export interface LtvCell {
  cohort: string;
  n: number;
  /** Revenue of the cohort's players from their first day through period n, per cohort member (Decimal, 4 places). */
  ltv: string;
}

/** The revenue LTV triangle: cumulative revenue per cohort member by period n = 0..maxN, in the base currency. */
export async function cumulativeRevenue(db: Db, grain: Grain, maxN: number, f: CohortFilter): Promise<LtvCell[]> {
  return rows<LtvCell>(
    db,
    `WITH members AS (${cohortMembers(grain)})
     SELECT toString(cohort) AS cohort, n, toString(round(cum / size, 4)) AS ltv
     FROM (
       SELECT s.cohort AS cohort, s.size AS size, g.n AS n,
              sum(r.rev) OVER (PARTITION BY s.cohort ORDER BY g.n ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum
       FROM (SELECT cohort, count() AS size FROM members GROUP BY cohort) AS s
       CROSS JOIN (SELECT toInt64(number) AS n FROM numbers(toUInt64({maxN:UInt16}) + 1)) AS g
       LEFT JOIN (
         SELECT cohort, n, sum(revenue) AS rev
         FROM (
           SELECT m.cohort AS cohort, ${periodOf(grain, 'd.day')} AS n, d.revenue AS revenue
           FROM members AS m
           INNER JOIN (SELECT player_id, day, sum(revenue) AS revenue FROM player_daily WHERE day >= {from:Date} GROUP BY player_id, day) AS d
             ON d.player_id = m.player_id
           WHERE d.day >= m.first_day
         )
         GROUP BY cohort, n
       ) AS r ON r.cohort = s.cohort AND r.n = g.n
     )
     ORDER BY cohort, n
     SETTINGS join_use_nulls = 0`,
    { ...f, maxN },
  );
}
