import type { Db } from '../../db/client.ts';
import { exec, type Params } from '../../db/query.ts';

/**
 * Runs a materialized view's own SELECT over the stored events into its target
 * table, optionally for a scope of its grouping keys (pushed below the GROUP BY).
 * No block deduplication: a repair may legitimately write rows identical to
 * rows written before.
 */
export async function insertFromView(db: Db, target: 'player_daily', viewSelect: string, scope?: { where: string; params: Params }): Promise<void> {
  // viewSelect is the schema's own view definition read from system.tables; scope.where is built from allow-listed names.
  const where = scope ? `WHERE ${scope.where}` : '';
  await exec(db, `INSERT INTO ${target} SELECT * FROM (${viewSelect}) ${where} SETTINGS insert_deduplicate = 0`, scope?.params ?? {});
}
