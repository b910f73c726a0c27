import type { RangeQuery } from '../../../contract/overview.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { type CohortCounts, cohortSizes, conversionPayers, EARLIEST_COHORT, retainedFromDays } from './cohortRatesSql.ts';

/** Cohort-rate counts computed live: first days and starting servers from player_attributes, activity from player_daily. */
export async function cohortCounts(db: Db, f: RangeQuery): Promise<CohortCounts> {
  const members = `SELECT player_id, first AS first_day FROM (
      SELECT player_id, min(first_day) AS first, argMinMerge(server) AS first_server FROM player_attributes GROUP BY player_id
    )
    WHERE first BETWEEN {from:Date} - ${EARLIEST_COHORT} AND {to:Date} AND ({server:String} = '' OR first_server = {server:String})`;
  const r = await one<CohortCounts>(
    db,
    `SELECT s.*, c.*, p.*
     FROM (SELECT ${cohortSizes('first_day')} FROM (${members})) AS s
     CROSS JOIN (${retainedFromDays(members)}) AS c
     CROSS JOIN (${conversionPayers(members)}) AS p`,
    { ...f },
  );
  return r!;
}
