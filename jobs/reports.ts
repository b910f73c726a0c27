import { allowListNotices } from '../server/delivery/allowNotice.ts';
import type { Deps } from '../server/deps.ts';
import { runnerFor } from '../server/reports/runs.ts';
import { applyScheduleConfig } from '../server/reports/scheduleConfig.ts';
import { ReportScheduler } from '../server/reports/scheduler.ts';
import { listSchedules } from '../server/reports/scheduleStore.ts';

/**
 * The report jobs' start-up work that reads no game data: applies the
 * configured schedules (a bad REPORT_SCHEDULES file stops the start), warns
 * about deliveries outside the allow-list and marks the runs the last stop
 * interrupted as failed.
 */
export async function prepareReportJobs(deps: Deps): Promise<void> {
  await applyScheduleConfig(deps.db, deps.cfg, deps.log);
  for (const line of await allowListNotices(deps.cfg, await listSchedules(deps.db))) deps.log.warn(line);
  // The embedded engine has one owner, this process, which is just starting: a 'running' row is a leftover.
  const interrupted = await runnerFor(deps.db, deps.cfg, deps.log).failInterrupted(deps.db.engine === 'embedded');
  if (interrupted) deps.log.warn('reports: runs interrupted by the last stop marked failed', { runs: interrupted });
}

/**
 * The report jobs: one registry entry per enabled report schedule, each in
 * its own zone, added and changed at run time as schedules are saved. Catches
 * up missed windows in the background before adding the entries (so only once
 * the data is loaded); returns a stop function.
 */
export function startReportJobs(deps: Deps): () => Promise<void> {
  const scheduler = new ReportScheduler(deps);
  const started = scheduler.start().catch((err: unknown) => deps.log.error('reports: catch-up failed', { error: (err as Error).message }));
  return async () => {
    await scheduler.stop();
    await started;
  };
}
