import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/** The tables of sql/028_cohort_aggregates.sql, emptied before a full fill. */
export const AGGREGATE_TABLES = ['cohort_members', 'cohort_members_fresh', 'cohort_day_cells', 'cohort_week_cells', 'overview_daily'] as const;

export async function truncateAggregate(db: Db, table: (typeof AGGREGATE_TABLES)[number]): Promise<void> {
  if (!AGGREGATE_TABLES.includes(table)) throw new RangeError(`not an aggregate table: ${String(table)}`);
  await exec(db, `TRUNCATE TABLE ${table}`, {}, { scratch: table === 'cohort_members_fresh' });
}
