import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { isoTime } from './isoTime.ts';

/** When the last file was loaded (ledger state done); null before the first. */
export async function lastFileLoadedAt(db: Db): Promise<Date | null> {
  const r = await one<{ at: string | null }>(
    db,
    `SELECT if(isNull(max(finished_at)), NULL, ${isoTime('max(finished_at)')}) AS at
     FROM ingest_files FINAL WHERE state = 'done'`,
  );
  return r?.at ? new Date(r.at) : null;
}

const chTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Rows of the files finished in [from, to) and the bad ones among them: the
 * quarantined rows of loaded files, and every row of a file rejected whole.
 */
export async function fileRowShare(db: Db, from: Date, to: Date): Promise<{ rows: number; bad: number }> {
  const r = await one<{ rows: string; bad: string }>(
    db,
    `SELECT toString(sum(rows_total)) AS rows, toString(sumIf(rows_quarantined, state = 'done') + sumIf(rows_total, state = 'rejected')) AS bad
     FROM ingest_files FINAL
     WHERE state IN ('done', 'rejected') AND finished_at >= {from:DateTime64(3, 'UTC')} AND finished_at < {to:DateTime64(3, 'UTC')}`,
    { from: chTime(from), to: chTime(to) },
  );
  return { rows: Number(r?.rows ?? 0), bad: Number(r?.bad ?? 0) };
}
