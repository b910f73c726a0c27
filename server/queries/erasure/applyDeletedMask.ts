import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/**
 * Rewrites the parts that carry rows hidden by a lightweight DELETE, without
 * them, and waits for it (mutations_sync = 2): after this the rows are in no
 * active part. Cheaper than OPTIMIZE FINAL, which would rewrite every part.
 */
export async function applyDeletedMask(db: Db, table: string): Promise<void> {
  await exec(db, `ALTER TABLE ${table} APPLY DELETED MASK SETTINGS mutations_sync = 2`);
}
