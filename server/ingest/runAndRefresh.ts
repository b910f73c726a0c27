import type { IngestResult } from '../../contract/ingest.ts';
import type { Deps } from '../deps.ts';
import { refreshDirtyStages } from '../lifecycle/snapshots.ts';
import { writingData } from '../readiness/dataWork.ts';
import type { RunRequest } from './ingestRun.ts';

/** An ingest run followed by the stage-snapshot refresh it made necessary: what the cron job, the API and the CLI all do. */
export async function runIngestAndRefresh(
  deps: Pick<Deps, 'db' | 'ingester'>,
  req: RunRequest,
  onStages?: (done: number, total: number) => void,
): Promise<IngestResult> {
  return writingData(deps.db, async () => {
    const summary = await deps.ingester.run(req);
    const stageDaysRefreshed = await refreshDirtyStages(deps.db, onStages);
    return { ...summary, stageDaysRefreshed };
  });
}
