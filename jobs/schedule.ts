import cron from 'node-cron';
import type { Config } from '../server/config.ts';
import type { Deps } from '../server/deps.ts';
import * as ingest from './ingest.ts';
import * as models from './models.ts';
import * as stages from './stages.ts';
import * as stagesDaily from './stagesDaily.ts';
import type { JobDef } from './types.ts';

/** The job registry: every scheduled job, its cron expression and what it runs. */
export function jobTable(cfg: Config): JobDef[] {
  return [
    { name: 'ingest', cron: cfg.ingest.cron, run: ingest.run },
    { name: 'stages', cron: '*/15 * * * *', run: stages.run },
    // Shortly after midnight in the game time zone (the schedule runs in cfg.gameTz), once the day is complete.
    { name: 'stages-daily', cron: '10 0 * * *', run: stagesDaily.run },
    // After the day's stage snapshot; the fit uses the data up to the day just completed.
    { name: 'models', cron: '30 0 * * *', run: models.run },
  ];
}

/** Starts every job in-process (the embedded engine allows one process); returns a stop function. */
export function startSchedule(deps: Deps): () => Promise<void> {
  const tasks = jobTable(deps.cfg).map((job) => {
    if (!cron.validate(job.cron)) throw new Error(`job ${job.name}: invalid cron expression "${job.cron}"`);
    return cron.schedule(
      job.cron,
      async () => {
        try {
          await job.run(deps);
        } catch (err) {
          deps.log(`job ${job.name} failed: ${(err as Error).message}`);
        }
      },
      { name: job.name, noOverlap: true, timezone: deps.cfg.gameTz },
    );
  });
  return async () => {
    await Promise.all(tasks.map((t) => t.destroy()));
  };
}
