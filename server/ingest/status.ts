import type { IngestStatus } from '../../contract/ingest.ts';
import type { Db } from '../db/client.ts';
import { lastRun, quarantineByReason, recentLedger, recentQuarantine } from '../queries/ingest/status.ts';

/** The latest files of the ledger, the quarantine by reason with its latest rows, and the last run. */
export async function ingestStatus(db: Db): Promise<IngestStatus> {
  const [ledger, byReason, recent, run] = await Promise.all([recentLedger(db, 200), quarantineByReason(db), recentQuarantine(db, 25), lastRun(db)]);
  return { ledger, quarantine: { total: byReason.reduce((n, x) => n + Number(x.rows), 0), byReason, recent }, lastRun: run };
}
