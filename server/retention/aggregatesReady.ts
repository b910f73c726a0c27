import type { Db } from '../db/client.ts';
import { getSetting } from '../queries/settings/appSettings.ts';

/**
 * When the stored aggregates of sql/028 were last made whole (an ISO time); ''
 * from the start of a refresh until its end, and before the first fill.
 */
export const READY_KEY = 'cohort_aggregates_ready';

/** The ingest ledger's newest change the aggregates include (ingest_files.updated_at). */
export const MARK_KEY = 'cohort_aggregates_mark';

async function readyToken(db: Db): Promise<string> {
  return (await getSetting(db, READY_KEY)) ?? '';
}

/** Whether readers may use the stored aggregates now. */
export async function cohortAggregatesReady(db: Db): Promise<boolean> {
  return (await readyToken(db)) !== '';
}

/**
 * An answer from the stored aggregates when they are whole and stayed so while
 * it was read (no refresh began or ended meanwhile), else computed live. Before
 * their first fill (a database older than sql/028), during a refresh and after
 * one that failed, readers compute live: an aggregate is never served incomplete.
 */
export async function storedOrLive<T>(db: Db, stored: () => Promise<T>, live: () => Promise<T>): Promise<T> {
  const before = await readyToken(db);
  if (before) {
    const out = await stored();
    if ((await readyToken(db)) === before) return out;
  }
  return live();
}
