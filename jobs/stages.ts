import type { Deps } from '../server/deps.ts';
import { refreshDirtyStages } from '../server/lifecycle/snapshots.ts';
import { refreshCohortAggregates } from '../server/retention/refreshAggregates.ts';

/**
 * Refreshes stage snapshots left stale (for example by a crash between an ingest and its refresh), and fills the
 * retention and Overview pre-aggregates of a database that predates them or whose last refresh did not finish.
 */
export async function run({ db, log }: Deps): Promise<void> {
  const days = await refreshDirtyStages(db);
  if (days > 0) log(`stages: refreshed ${days} day(s) of stage snapshots`);
  const aggregates = await refreshCohortAggregates(db);
  if (aggregates.kind !== 'none') log(`aggregates: ${aggregates.kind === 'full' ? 'filled' : `refreshed from ${aggregates.from}`}`);
}
