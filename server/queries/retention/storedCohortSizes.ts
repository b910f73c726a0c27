import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { storedMembers, type Grain } from './cohortSql.ts';
import type { CohortFilter } from './filter.ts';

/** Players in each cohort, from the stored cohort members (sql/028). */
export async function storedCohortSizes(db: Db, grain: Grain, f: CohortFilter): Promise<{ cohort: string; size: number }[]> {
  return rows(db, `SELECT toString(cohort) AS cohort, count() AS size FROM (${storedMembers(grain)}) GROUP BY cohort ORDER BY cohort`, { ...f });
}
