import type { EventFileKind, FileState } from '../../../contract/ingest.ts';
import type { Db } from '../../db/client.ts';
import { insertRows, one, rows } from '../../db/query.ts';

export interface LedgerRow {
  file_hash: string;
  file_name: string;
  kind: EventFileKind;
  size_bytes: number;
  state: FileState;
  rows_total: number;
  rows_loaded: number;
  rows_quarantined: number;
  rows_duplicate: number;
  min_day: string | null;
  max_day: string | null;
  error: string;
  run_id: string;
  started_at: string;
  finished_at: string | null;
}

export async function ledgerEntry(db: Db, fileHash: string): Promise<LedgerRow | undefined> {
  return one<LedgerRow>(db, `SELECT * EXCEPT updated_at FROM ingest_files FINAL WHERE file_hash = {hash:String}`, { hash: fileHash });
}

/** Appends a new state for a file; ReplacingMergeTree keeps the latest by updated_at. */
export async function recordLedger(db: Db, entry: LedgerRow): Promise<void> {
  await insertRows(db, 'ingest_files', [{ ...entry, updated_at: new Date().toISOString() }]);
}

/** Files left in `loading` by a process that died: the next run picks them up again. */
export async function unfinishedFiles(db: Db): Promise<LedgerRow[]> {
  return rows<LedgerRow>(db, `SELECT * EXCEPT updated_at FROM ingest_files FINAL WHERE state = 'loading'`);
}
