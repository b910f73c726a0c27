import type { Db } from '../../db/client.ts';
import { exec, one } from '../../db/query.ts';
import type { EventKind } from '../../ingest/fileKind.ts';
import { ERASED_REASON } from './stagingSql.ts';
import { CONFLICTS_TABLE, GOOD_STAGED, TABLES } from './tables.ts';

export async function clearWorkTables(db: Db, kind: EventKind): Promise<void> {
  await exec(db, `TRUNCATE TABLE ${TABLES[kind].stage}`);
  await exec(db, `TRUNCATE TABLE ${TABLES[kind].fresh}`);
  await exec(db, `TRUNCATE TABLE ${CONFLICTS_TABLE}`);
}

export interface StageCounts {
  total: number;
  /** Rows quarantined: failed a check, or a conflicting duplicate. */
  bad: number;
  /** Bad rows that are erased players' (reason ERASED_REASON). */
  erased: number;
  maxLine: number;
  minDay: string | null;
  maxDay: string | null;
}

export async function stageCounts(db: Db, kind: EventKind): Promise<StageCounts> {
  const r = await one<StageCounts>(
    db,
    `SELECT toUInt64(count()) AS total, toUInt64(countIf(NOT (${GOOD_STAGED}))) AS bad,
            toUInt64(countIf(reason = {erased:String})) AS erased, max(line) AS maxLine,
            minIf(toNullable(day), ${GOOD_STAGED}) AS minDay, maxIf(toNullable(day), ${GOOD_STAGED}) AS maxDay
     FROM ${TABLES[kind].stage}`,
    { erased: ERASED_REASON },
  );
  return r ?? { total: 0, bad: 0, erased: 0, maxLine: 0, minDay: null, maxDay: null };
}

export async function quarantineStagedRows(db: Db, kind: EventKind, fileHash: string, fileName: string): Promise<void> {
  await exec(
    db,
    `INSERT INTO quarantine (file_hash, file_name, kind, line, raw, reason)
     SELECT {hash:String}, {name:String}, {kind:String}, line, raw, reason FROM ${TABLES[kind].stage} WHERE reason != ''
     UNION ALL
     SELECT {hash:String}, {name:String}, {kind:String}, line, raw, reason FROM ${CONFLICTS_TABLE}`,
    { hash: fileHash, name: fileName, kind },
  );
}
