import type { IngestResult } from '../../contract/ingest.ts';
import { checkAlerts } from '../alerts/evaluate.ts';
import type { Deps } from '../deps.ts';
import { refreshDirtyStages } from '../lifecycle/snapshots.ts';
import { writingData } from '../readiness/dataWork.ts';
import type { RunRequest } from './ingestRun.ts';
import { refreshCohortAggregates } from '../retention/refreshAggregates.ts';
import { refreshComrades } from '../winback/comradesRefresh.ts';

/**
 * An ingest run followed by the stage-snapshot refresh it made necessary and, when a file came, the alert
 * checks on the refreshed data: what the cron job, the API and the CLI all do.
 */
export async function runIngestAndRefresh(
  deps: Pick<Deps, 'db' | 'ingester' | 'cfg' | 'pages'> & Partial<Pick<Deps, 'log'>>,
  req: RunRequest,
  onStages?: (done: number, total: number) => void,
): Promise<IngestResult> {
  const result = await writingData(deps.db, async () => {
    const summary = await deps.ingester.run(req);
    const stageDaysRefreshed = await refreshDirtyStages(deps.db, onStages);
    await refreshCohortAggregates(deps.db);
    return { ...summary, stageDaysRefreshed };
  });
  // Outside the data write, once the pages are computed ahead: no page is cached from the pairs (their route reads them
  // as stored), and on a large game their count would otherwise hold the engine while the pages wait.
  await deps.pages?.settled();
  await refreshComrades(deps);
  // A file loaded or rejected whole (what quarantine_share_jump counts); bytes seen before change nothing.
  if (result.files.some((f) => f.state !== 'skipped')) {
    // A failed check never fails the load it follows; the alerts job checks again on its timer.
    await checkAlerts(deps).catch((err) => deps.log?.error('alert check failed', { error: String((err as Error)?.message ?? err) }));
  }
  return result;
}
