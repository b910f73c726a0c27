import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/query.ts';

export interface IngestRunRecord {
  run_id: string;
  source: string;
  started_at: string;
  finished_at: string | null;
  files: number;
  rows_loaded: number;
  rows_quarantined: number;
  rows_duplicate: number;
  error: string;
}

export async function recordRun(db: Db, run: IngestRunRecord): Promise<void> {
  await insertRows(db, 'ingest_runs', [{ ...run, updated_at: new Date().toISOString() }]);
}
