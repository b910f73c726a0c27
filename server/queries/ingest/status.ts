import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';

export interface LedgerRow {
  fileHash: string;
  fileName: string;
  kind: string;
  state: string;
  rowsTotal: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsDuplicate: number;
  error: string;
  startedAt: string;
  finishedAt: string | null;
}

export async function recentLedger(db: Db, limit: number): Promise<LedgerRow[]> {
  return rows<LedgerRow>(
    db,
    `SELECT file_hash AS fileHash, file_name AS fileName, kind, state, rows_total AS rowsTotal, rows_loaded AS rowsLoaded,
            rows_quarantined AS rowsQuarantined, rows_duplicate AS rowsDuplicate, error, started_at AS startedAt, finished_at AS finishedAt
     FROM ingest_files FINAL ORDER BY started_at DESC LIMIT {limit:UInt32}`,
    { limit },
  );
}

export interface QuarantineReason {
  reason: string;
  rows: number;
}

export async function quarantineByReason(db: Db): Promise<QuarantineReason[]> {
  return rows<QuarantineReason>(db, `SELECT reason, count() AS rows FROM quarantine FINAL GROUP BY reason ORDER BY rows DESC, reason`);
}

export interface QuarantinedRow {
  fileName: string;
  line: number;
  reason: string;
  raw: string;
  at: string;
}

export async function recentQuarantine(db: Db, limit: number): Promise<QuarantinedRow[]> {
  return rows<QuarantinedRow>(
    db,
    `SELECT file_name AS fileName, line, reason, raw, at FROM quarantine FINAL ORDER BY at DESC, file_name, line LIMIT {limit:UInt32}`,
    { limit },
  );
}

export interface RunRow {
  runId: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  files: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsDuplicate: number;
  error: string;
}

export async function lastRun(db: Db): Promise<RunRow | null> {
  const r = await one<RunRow>(
    db,
    `SELECT run_id AS runId, source, started_at AS startedAt, finished_at AS finishedAt, files, rows_loaded AS rowsLoaded,
            rows_quarantined AS rowsQuarantined, rows_duplicate AS rowsDuplicate, error
     FROM ingest_runs FINAL ORDER BY started_at DESC LIMIT 1`,
  );
  return r ?? null;
}
