import type { RangeQuery } from '../../../contract/overview.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { type CohortCounts, cohortSizes, conversionPayers, EARLIEST_COHORT, retainedFromCells } from './cohortRatesSql.ts';

/** The starting-server filter of the stored cohort tables (sql/028). */
const STARTED_ON = `({server:String} = '' OR server = {server:String})`;

/** Cohort-rate counts from the stored cohort members and day cells (sql/028); only the paying days are read from player_daily. */
export async function storedCohortCounts(db: Db, f: RangeQuery): Promise<CohortCounts> {
  const members = `SELECT player_id, first_day FROM cohort_members
    WHERE first_day BETWEEN {from:Date} - ${EARLIEST_COHORT} AND {to:Date} AND ${STARTED_ON}`;
  const r = await one<CohortCounts>(
    db,
    `SELECT s.*, c.*, p.*
     FROM (SELECT ${cohortSizes('first_day')} FROM (${members})) AS s
     CROSS JOIN (
       SELECT ${retainedFromCells()} FROM cohort_day_cells
       WHERE day BETWEEN {from:Date} AND {to:Date} AND cohort BETWEEN {from:Date} - ${EARLIEST_COHORT} AND {to:Date} AND ${STARTED_ON}
     ) AS c
     CROSS JOIN (${conversionPayers(members)}) AS p`,
    { ...f },
  );
  return r!;
}
