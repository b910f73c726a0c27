/**
 * Report schedules as entries of the job registry: one per enabled,
 * unarchived schedule, named report-<id>, firing in the schedule's zone.
 * Saving a schedule brings its entry in line at once.
 */
import type { ReportSchedule, ScheduleSaved } from '../../contract/reports.ts';
import type { Deps, Jobs } from '../deps.ts';
import { fireSchedule, type FireDeps } from './fire.ts';
import { runnerFor } from './runs.ts';
import { saveSchedule, type SaveRequest } from './scheduleStore.ts';

const PREFIX = 'report-';

/** Adds or replaces the schedule's entry while it is enabled and not archived; removes it otherwise. */
export async function syncReportJob(jobs: Jobs, deps: FireDeps, schedule: ReportSchedule): Promise<void> {
  const name = `${PREFIX}${schedule.scheduleId}`;
  if (!schedule.enabled || schedule.archived) return jobs.remove(name);
  await jobs.set({
    name,
    cron: schedule.cron,
    tz: schedule.tz,
    run: async (at) => {
      try {
        await fireSchedule(deps, schedule, at);
      } catch (err) {
        deps.log.error('reports: schedule firing failed', { schedule: schedule.scheduleId, error: (err as Error).message });
      }
    },
  });
}

/** Removes every report entry. */
export async function removeReportJobs(jobs: Jobs): Promise<void> {
  for (const name of jobs.names().filter((n) => n.startsWith(PREFIX))) await jobs.remove(name);
}

/** Saves a schedule (see saveSchedule) and tells the job registry, when there is one. */
export async function saveAndSchedule(deps: Pick<Deps, 'db' | 'cfg' | 'log' | 'jobs'>, req: SaveRequest): Promise<ScheduleSaved> {
  const out = await saveSchedule(deps.db, deps.cfg, req);
  if (deps.jobs) await syncReportJob(deps.jobs, { cfg: deps.cfg, log: deps.log, runner: runnerFor(deps.db, deps.cfg, deps.log) }, out.schedule);
  return out;
}
