import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/**
 * The ingest ledger keyed by the hash of a redacted archive file instead of
 * the original's: the ledger describes the files the product keeps, and a
 * re-delivered original (its old hash no longer known) is read again, its
 * erased players' rows quarantined and the rest counted as duplicates.
 * Only loaded files: a rejected one stays known by its old hash, so a
 * re-delivery is skipped as before (nothing of it was ever loaded).
 */
export async function rekeyLedger(db: Db, from: string, to: string): Promise<void> {
  await exec(
    db,
    // The filter sits in a subquery: beside REPLACE, file_hash in WHERE would name the new value.
    `INSERT INTO ingest_files SELECT * REPLACE ({to:String} AS file_hash, now64(3) AS updated_at)
     FROM (SELECT * FROM ingest_files FINAL WHERE file_hash = {from:String} AND state = 'done')`,
    { from, to },
  );
  await exec(
    db,
    `DELETE FROM ingest_files WHERE file_hash = {from:String}
       AND (SELECT count() FROM ingest_files FINAL WHERE file_hash = {to:String} AND state = 'done') > 0`,
    { from, to },
  );
}
