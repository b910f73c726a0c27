import type { IngestRun, LedgerEntry, QuarantinedRow, QuarantineReason } from '../../../contract/ingest.ts';
import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';

export async function recentLedger(db: Db, limit: number): Promise<LedgerEntry[]> {
  return rows<LedgerEntry>(
    db,
    `SELECT file_hash AS fileHash, file_name AS fileName, kind, state, rows_total AS rowsTotal, rows_loaded AS rowsLoaded,
            rows_quarantined AS rowsQuarantined, rows_duplicate AS rowsDuplicate, error, started_at AS startedAt, finished_at AS finishedAt
     FROM ingest_files FINAL ORDER BY started_at DESC LIMIT {limit:UInt32}`,
    { limit },
  );
}

export async function quarantineByReason(db: Db): Promise<QuarantineReason[]> {
  return rows<QuarantineReason>(db, `SELECT reason, count() AS rows FROM quarantine FINAL GROUP BY reason ORDER BY rows DESC, reason`);
}

/** Quarantined rows, latest first; the CSV export pages through all of them with offset. */
export async function recentQuarantine(db: Db, limit: number, offset = 0): Promise<QuarantinedRow[]> {
  return rows<QuarantinedRow>(
    db,
    `SELECT file_name AS fileName, line, reason, raw, at FROM quarantine FINAL ORDER BY at DESC, file_name, line LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
    { limit, offset },
  );
}

export async function lastRun(db: Db): Promise<IngestRun | null> {
  const r = await one<IngestRun>(
    db,
    `SELECT run_id AS runId, source, started_at AS startedAt, finished_at AS finishedAt, files, rows_loaded AS rowsLoaded,
            rows_quarantined AS rowsQuarantined, rows_duplicate AS rowsDuplicate, error
     FROM ingest_runs FINAL ORDER BY started_at DESC LIMIT 1`,
  );
  return r ?? null;
}
