import type { Accounts } from './auth/accounts.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Ingester } from './ingest/ingestRun.ts';
import type { Logger } from './log.ts';
import type { DemoPreparation } from './preparation.ts';
import type { PageWarmer } from './readiness/pageWarmer.ts';

/** One entry of the job registry: run at every firing of `cron` on the wall clock of `tz`, never two at once. */
export interface JobEntry {
  name: string;
  cron: string;
  tz: string;
  /** `at`: the firing it stands for. */
  run: (at: Date) => Promise<void>;
}

/** The job registry (jobs/schedule.ts) as the rest of the process sees it: entries come, change and go at run time. */
export interface Jobs {
  /** Adds the entry, or replaces the one of the same name. */
  set(entry: JobEntry): Promise<void>;
  remove(name: string): Promise<void>;
  names(): string[];
}

/** What the app, the routes and the jobs are given; built once in index.ts (or by a test). */
export interface Deps {
  cfg: Config;
  db: Db;
  ingester: Ingester;
  log: Logger;
  /** Absent where nothing is scheduled (tests, command-line tools). */
  jobs?: Jobs;
  /** Sessions, sign-in limiter, one-time links and the local credential of this process; createApp makes them when absent. */
  accounts?: Accounts;
  /** The demo game being prepared on a first start; absent when nothing is (data routes answer). */
  preparation?: DemoPreparation;
  /** Computes the pages' first requests after each change of the data; absent where no server runs (tests, tools). */
  pages?: PageWarmer;
}
