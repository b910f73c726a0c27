import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { cohortMembers, type Grain } from './cohortSql.ts';
import type { CohortFilter } from './filter.ts';

/** Players in each cohort. */
export async function cohortSizes(db: Db, grain: Grain, f: CohortFilter): Promise<{ cohort: string; size: number }[]> {
  return rows(db, `SELECT toString(cohort) AS cohort, count() AS size FROM (${cohortMembers(grain)}) GROUP BY cohort ORDER BY cohort`, { ...f });
}
