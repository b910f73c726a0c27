import type { Deps } from '../server/deps.ts';

/** A scheduled job: one file per job exporting `run(deps)`; schedule.ts holds the table. */
export type JobRun = (deps: Deps) => Promise<void>;

export interface JobDef {
  name: string;
  cron: string;
  run: JobRun;
}
