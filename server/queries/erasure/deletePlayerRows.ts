import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/**
 * Lightweight DELETE: the rows are hidden from every reader when it returns
 * (lightweight_deletes_sync = 2 waits for the mask on all parts); they leave
 * the disk when applyDeletedMask rewrites the parts. Moves db.writes, so
 * cached API answers are retired.
 */
export async function deletePlayerRows(db: Db, table: string, where: string): Promise<void> {
  await exec(db, `DELETE FROM ${table} WHERE ${where} SETTINGS lightweight_deletes_sync = 2`);
}
