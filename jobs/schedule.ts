import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../server/config.ts';
import type { Deps, JobEntry, Jobs } from '../server/deps.ts';
import * as alerts from './alerts.ts';
import * as ingest from './ingest.ts';
import * as models from './models.ts';
import * as stages from './stages.ts';
import * as stagesDaily from './stagesDaily.ts';
import type { JobDef } from './types.ts';
import type { Logger } from '../server/log.ts';

/** The fixed jobs: each one's cron expression (in the game time zone) and what it runs. */
export function jobTable(cfg: Config): JobDef[] {
  return [
    { name: 'ingest', cron: cfg.ingest.cron, run: ingest.run },
    { name: 'stages', cron: '*/15 * * * *', run: stages.run },
    // Shortly after midnight in the game time zone (the schedule runs in cfg.gameTz), once the day is complete.
    { name: 'stages-daily', cron: '10 0 * * *', run: stagesDaily.run },
    // After the day's stage snapshot; the fit uses the data up to the day just completed.
    { name: 'models', cron: '30 0 * * *', run: models.run },
    // no_new_file needs a clock, not a refresh: checked every 15 minutes (the refresh after each load checks too).
    { name: 'alerts', cron: '*/15 * * * *', run: alerts.run },
  ];
}

/**
 * The job registry: every scheduled job of the process, one node-cron task
 * each. The fixed table is added at start; report schedules add, replace and
 * remove their entries while the server runs.
 */
export class JobRegistry implements Jobs {
  private readonly tasks = new Map<string, ScheduledTask>();
  private stopped = false;

  constructor(private readonly log: Logger) {}

  async set(entry: JobEntry): Promise<void> {
    if (!cron.validate(entry.cron)) throw new Error(`job ${entry.name}: invalid cron expression "${entry.cron}"`);
    if (this.stopped) return;
    const old = this.tasks.get(entry.name);
    const task = cron.schedule(
      entry.cron,
      async (ctx) => {
        try {
          await entry.run(ctx.date);
        } catch (err) {
          this.log.error('job failed', { job: entry.name, error: (err as Error).message });
        }
      },
      { name: entry.name, noOverlap: true, timezone: entry.tz },
    );
    // The map changes before anything is awaited, so two quick saves of one entry leave one task.
    this.tasks.set(entry.name, task);
    await old?.destroy();
  }

  async remove(name: string): Promise<void> {
    const task = this.tasks.get(name);
    this.tasks.delete(name);
    await task?.destroy();
  }

  names(): string[] {
    return [...this.tasks.keys()];
  }

  /** Stops every task; entries set afterwards are ignored. */
  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.tasks.values()];
    this.tasks.clear();
    await Promise.all(all.map((t) => t.destroy()));
  }
}

/** Adds the fixed jobs to the registry; they run in-process (the embedded engine allows one process). */
export async function startSchedule(deps: Deps, registry: Jobs): Promise<void> {
  for (const job of jobTable(deps.cfg)) await registry.set({ name: job.name, cron: job.cron, tz: deps.cfg.gameTz, run: () => job.run(deps) });
}
