import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Ingester } from './ingest/ingestRun.ts';
import type { Logger } from './log.ts';

/** What the app, the routes and the jobs are given; built once in index.ts (or by a test). */
export interface Deps {
  cfg: Config;
  db: Db;
  ingester: Ingester;
  log: Logger;
}
