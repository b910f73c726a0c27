import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { ACTIVITY_KINDS } from '../../ingest/fileKind.ts';

const KINDS = [...ACTIVITY_KINDS].map((k) => `'${k}'`).join(', ');

export interface LedgerSince {
  /** The newest change of the ingest ledger (null before any file). */
  mark: string | null;
  /** The earliest day of the activity files the ledger changed after `since` (null when none did). */
  dirtyFrom: string | null;
}

/**
 * What the ingest ledger recorded after `since`: each file's row carries the
 * first day it held, so the earliest one is where the data changed. Every
 * version of a row counts (no FINAL), which can only widen the range.
 */
export async function ledgerSince(db: Db, since: string): Promise<LedgerSince> {
  const r = await one<LedgerSince>(
    db,
    `SELECT if(count() = 0, NULL, toString(max(updated_at))) AS mark,
            toString(minIf(min_day, updated_at > {since:DateTime64(3)} AND kind IN (${KINDS}))) AS dirtyFrom
     FROM ingest_files`,
    { since },
  );
  return { mark: r?.mark ?? null, dirtyFrom: r?.dirtyFrom ?? null };
}
