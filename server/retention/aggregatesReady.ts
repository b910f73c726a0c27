import type { Db } from '../db/client.ts';
import { getSetting } from '../queries/settings/appSettings.ts';

/** '1' while the stored aggregates of sql/028 are complete and current; '' from the start of a refresh until its end. */
export const READY_KEY = 'cohort_aggregates_ready';

/** The ingest ledger's newest change the aggregates include (ingest_files.updated_at). */
export const MARK_KEY = 'cohort_aggregates_mark';

/**
 * Whether readers may use the stored aggregates. Before their first fill (a
 * database older than sql/028), during a refresh and after one that failed,
 * they compute live instead: an aggregate is never served incomplete.
 */
export async function cohortAggregatesReady(db: Db): Promise<boolean> {
  return (await getSetting(db, READY_KEY)) === '1';
}
