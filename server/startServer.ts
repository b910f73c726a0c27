import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startReportJobs } from '../jobs/reports.ts';
import { JobRegistry, startSchedule } from '../jobs/schedule.ts';
import * as stagesJob from '../jobs/stages.ts';
import { createApp } from './app.ts';
import { createAccounts } from './auth/accounts.ts';
import { ensureFirstAdmin, isLoopbackHost, linkUser, refuseUnsafeExposure } from './auth/firstRun.ts';
import type { Config } from './config.ts';
import { openReadyDb } from './db/open.ts';
import { seedDemoIfEmpty } from './demo.ts';
import type { Deps } from './deps.ts';
import { Ingester } from './ingest/ingestRun.ts';
import { ingestSettings } from './ingestDefaults.ts';
import { type Logger, redactUrl } from './log.ts';

export interface StartOptions {
  log: Logger;
  /** Where what a person must read goes (the first-run password, the sign-in link); never the log. */
  print?: (text: string) => void;
  /** The built dashboard to serve; absent serves the API only. */
  webDist?: string;
}

export interface RunningServer {
  server: Server;
  /** http://host:port as reached from this machine. */
  url: string;
  deps: Deps;
  /** The one-time sign-in link printed at start (loopback only). */
  signInLink?: string;
  stop(): Promise<void>;
}

/**
 * Opens the engine, makes sure an admin exists, refuses to listen beyond
 * loopback without an admin whose password a person set, starts the jobs and
 * listens. Then writes the local tools' credential and, on loopback, prints a
 * one-time sign-in link so the demo opens without typing.
 */
export async function startServer(cfg: Config, { log, print = console.log, webDist }: StartOptions): Promise<RunningServer> {
  const db = await openReadyDb(cfg, log);
  if (db.engine === 'embedded') log.info('embedded ClickHouse', { dataPath: db.dataPath, database: db.database });
  else log.info('ClickHouse server', { url: redactUrl(cfg.clickhouse.url ?? ''), database: db.database });
  try {
    await ensureFirstAdmin(db, cfg, print);
    await refuseUnsafeExposure(db, cfg);
  } catch (err) {
    await db.close();
    throw err;
  }
  const ingester = new Ingester(db, ingestSettings(cfg));
  const jobs = new JobRegistry(log);
  const accounts = createAccounts(db, cfg);
  const deps: Deps = { cfg, db, ingester, log, jobs, accounts };
  await stagesJob.run(deps);
  await seedDemoIfEmpty(deps);

  await startSchedule(deps, jobs);
  const stopReports = await startReportJobs(deps);
  const server: Server = createApp(deps, webDist).listen(cfg.port, cfg.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = cfg.host.includes(':') && !cfg.host.startsWith('[') ? `[${cfg.host}]` : cfg.host;
  const url = `http://${host}:${port}`;
  accounts.local.issue(cfg.dataDir);
  log.info(`dashboard at ${url}`, { inbox: cfg.inboxDir, ingestCron: cfg.ingest.cron, gameTz: cfg.gameTz });

  let signInLink: string | undefined;
  const linkFor = isLoopbackHost(cfg.host) ? await linkUser(db) : undefined;
  if (linkFor) {
    signInLink = `${url}/?signin=${accounts.links.issue(linkFor)}`;
    print(`open ${signInLink} to sign in as ${linkFor} (works once, for 15 minutes)`);
  }

  return {
    server,
    url,
    deps,
    signInLink,
    async stop() {
      accounts.local.revoke();
      await jobs.stop();
      await stopReports();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.close();
    },
  };
}
