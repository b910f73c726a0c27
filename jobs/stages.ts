import type { Deps } from '../server/deps.ts';
import { refreshDirtyStages } from '../server/lifecycle/snapshots.ts';

/** Refreshes stage snapshots left stale (for example by a crash between an ingest and its refresh). */
export async function run({ db, log }: Deps): Promise<void> {
  const days = await refreshDirtyStages(db);
  if (days > 0) log(`stages: refreshed ${days} day(s) of stage snapshots`);
}
