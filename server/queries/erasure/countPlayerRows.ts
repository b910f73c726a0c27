import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

/**
 * Rows matching `where` (a fragment of playerMatchSql.ts over the erasure_batch table).
 * onDisk counts rows a lightweight DELETE has only hidden (apply_deleted_mask = 0):
 * what is still physically in the table's parts.
 */
export async function countPlayerRows(db: Db, table: string, where: string, onDisk = false): Promise<number> {
  const r = await one<{ n: number }>(db, `SELECT toUInt64(count()) AS n FROM ${table} WHERE ${where}${onDisk ? ' SETTINGS apply_deleted_mask = 0' : ''}`);
  return Number(r?.n ?? 0);
}
