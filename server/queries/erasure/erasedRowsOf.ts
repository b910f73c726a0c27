import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { ERASED_REASON } from '../ingest/stagingSql.ts';

/** Rows of one ingested file quarantined as erased players' rows. */
export async function erasedRowsOf(db: Db, fileHash: string): Promise<number> {
  const r = await one<{ n: number }>(db, 'SELECT toUInt64(count()) AS n FROM quarantine WHERE file_hash = {hash:String} AND reason = {reason:String}', {
    hash: fileHash,
    reason: ERASED_REASON,
  });
  return Number(r?.n ?? 0);
}
