import type { Deps } from '../deps.ts';
import { refreshDirtyStages } from '../lifecycle/snapshots.ts';
import type { RunRequest, RunSummary } from './ingestRun.ts';

export interface RunAndRefreshSummary extends RunSummary {
  stageDaysRefreshed: number;
}

/** An ingest run followed by the stage-snapshot refresh it made necessary: what the cron job, the API and the CLI all do. */
export async function runIngestAndRefresh(
  deps: Pick<Deps, 'db' | 'ingester'>,
  req: RunRequest,
  onStages?: (done: number, total: number) => void,
): Promise<RunAndRefreshSummary> {
  const summary = await deps.ingester.run(req);
  const stageDaysRefreshed = await refreshDirtyStages(deps.db, onStages);
  return { ...summary, stageDaysRefreshed };
}
