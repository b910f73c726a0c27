import type { CsvOptions } from '../../contract/csv.ts';
import type { IngestStatus, QuarantinedRow } from '../../contract/ingest.ts';
import type { Db } from '../db/client.ts';
import { column, csvFile, offsetPages, type CsvStream } from '../export/csvFile.ts';
import { lastRun, quarantineByReason, recentLedger, recentQuarantine } from '../queries/ingest/status.ts';

/** The latest files of the ledger, the quarantine by reason with its latest rows, and the last run. */
export async function ingestStatus(db: Db): Promise<IngestStatus> {
  const [ledger, byReason, recent, run] = await Promise.all([recentLedger(db, 200), quarantineByReason(db), recentQuarantine(db, 25), lastRun(db)]);
  return { ledger, quarantine: { total: byReason.reduce((n, x) => n + Number(x.rows), 0), byReason, recent }, lastRun: run };
}

const quarantineColumns = [
  column<QuarantinedRow>('at', (q) => q.at),
  column<QuarantinedRow>('file_name', (q) => q.fileName),
  column<QuarantinedRow>('line', (q) => q.line),
  column<QuarantinedRow>('reason', (q) => q.reason),
  column<QuarantinedRow>('raw', (q) => q.raw),
];

/** GET /api/ingest/quarantine.csv: every quarantined row with its file, line, reason and raw text, latest first. */
export function quarantineCsv(db: Db, o: CsvOptions): CsvStream {
  const pages = offsetPages((limit, offset) => recentQuarantine(db, limit, offset));
  return csvFile({ subject: `quarantine-${new Date().toISOString().slice(0, 10)}`, filters: {}, columns: quarantineColumns, pages }, o);
}
