import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { prepareReportJobs, startReportJobs } from '../jobs/reports.ts';
import { JobRegistry, startSchedule } from '../jobs/schedule.ts';
import * as stagesJob from '../jobs/stages.ts';
import { createApp } from './app.ts';
import { createAccounts } from './auth/accounts.ts';
import { ensureFirstAdmin, isLoopbackHost, linkUser, refuseUnsafeExposure } from './auth/firstRun.ts';
import type { Config } from './config.ts';
import { openReadyDb } from './db/open.ts';
import { demoGame, demoNeeded, prepareDemo } from './demo.ts';
import type { Deps } from './deps.ts';
import { Ingester } from './ingest/ingestRun.ts';
import { ingestSettings } from './ingestDefaults.ts';
import { resumePendingRules, rulesRecompute } from './lifecycle/rulesRecompute.ts';
import { type Logger, redactUrl } from './log.ts';
import { DemoPreparation } from './preparation.ts';
import { PageWarmer, warmerTiming } from './readiness/pageWarmer.ts';
import { warmGetter } from './readiness/warmRequest.ts';
import { comradesSettled } from './winback/comradesRefresh.ts';
import { alertChecksSettled } from './alerts/evaluate.ts';

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
  /** Settles when the data can be read: at once, or when the demo game of a first start is loaded (never rejects). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Opens the engine, makes sure an admin exists, refuses to listen beyond
 * loopback without an admin whose password a person set and listens; then
 * writes the local tools' credential and, on loopback, prints a one-time
 * sign-in link so the demo opens without typing. On an empty database the demo
 * game is prepared after the port opens (the pages show its progress) and the
 * jobs start once it is loaded, so none of them runs against half a game.
 */
export async function startServer(cfg: Config, { log, print = console.log, webDist }: StartOptions): Promise<RunningServer> {
  const db = await openReadyDb(cfg, log);
  if (db.engine === 'embedded') log.info('embedded ClickHouse', { dataPath: db.dataPath, database: db.database });
  else log.info('ClickHouse server', { url: redactUrl(cfg.clickhouse.url ?? ''), database: db.database });
  let needsDemo: boolean;
  try {
    await ensureFirstAdmin(db, cfg, print);
    await refuseUnsafeExposure(db, cfg);
    needsDemo = await demoNeeded({ cfg, db });
  } catch (err) {
    await db.close();
    throw err;
  }
  const ingester = new Ingester(db, ingestSettings(cfg));
  const jobs = new JobRegistry(log);
  const accounts = createAccounts(db, cfg);
  const preparation = needsDemo ? new DemoPreparation(demoGame(cfg)) : undefined;
  // Answers are kept while the cache is on; then every change of the data is followed by computing the pages ahead.
  const pages = cfg.apiCacheSeconds > 0 ? new PageWarmer({ db, log, busy: () => preparation?.preparing ?? false, ...warmerTiming(db, cfg) }) : undefined;
  const deps: Deps = { cfg, db, ingester, log, jobs, accounts, preparation, pages };

  await prepareReportJobs(deps);
  let stopReports: (() => Promise<void>) | undefined;
  const startJobs = async () => {
    await stagesJob.run(deps);
    // A stage-rules version left pending by a crash or a stop is applied again, in the background.
    await resumePendingRules(db, log);
    await startSchedule(deps, jobs);
    stopReports = startReportJobs(deps);
  };
  if (!preparation) {
    await startJobs();
    pages?.start();
  }

  const server: Server = createApp(deps, webDist).listen(cfg.port, cfg.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = cfg.host.includes(':') && !cfg.host.startsWith('[') ? `[${cfg.host}]` : cfg.host;
  const url = `http://${host}:${port}`;
  accounts.local.issue(cfg.dataDir);
  // A wildcard address listens on loopback too; the warmer's requests never leave the machine.
  const self = cfg.host === '0.0.0.0' ? `http://127.0.0.1:${port}` : cfg.host === '::' ? `http://[::1]:${port}` : url;
  pages?.attach(warmGetter(self, accounts.warmer));
  log.info(`dashboard at ${url}`, { inbox: cfg.inboxDir, ingestCron: cfg.ingest.cron, gameTz: cfg.gameTz });

  let signInLink: string | undefined;
  const linkFor = isLoopbackHost(cfg.host) ? await linkUser(db) : undefined;
  if (linkFor) {
    signInLink = `${url}/?signin=${accounts.links.issue(linkFor)}`;
    print(`open ${signInLink} to sign in as ${linkFor} (works once, for 15 minutes)`);
  }

  let stopping = false;
  const ready = preparation ? prepareThenStartJobs(deps, preparation, startJobs, () => stopping) : Promise.resolve();
  return {
    server,
    url,
    deps,
    signInLink,
    ready,
    async stop() {
      stopping = true;
      accounts.local.revoke();
      const midPreparation = preparation?.preparing ?? false;
      if (midPreparation) log.warn('stopped while preparing the demo game: it is left partly loaded; the next start loads what is left in the inbox');
      // Past the preparation, the jobs may be starting: let them, so they are stopped below rather than started after.
      else await ready;
      await jobs.stop();
      await stopReports?.();
      await rulesRecompute(db).stop();
      await comradesSettled(db);
      await alertChecksSettled(db);
      await pages?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Stopped mid-preparation (Ctrl-C): the process ends with the demo's queries, as a start killed before it listened did;
      // closing the engine under them would only turn the stop into their errors.
      if (!midPreparation) await db.close();
    },
  };
}

/**
 * Prepares the demo game in the background, then starts the jobs. A failure is
 * logged and ends the preparation as failed: the dashboard then shows what was
 * loaded, and the ingest job loads what is left in the inbox.
 */
async function prepareThenStartJobs(deps: Deps, preparation: DemoPreparation, startJobs: () => Promise<void>, stopping: () => boolean): Promise<void> {
  const { log } = deps;
  try {
    await prepareDemo(deps, preparation);
    await deps.pages?.warmNow((done, total) => preparation.progress('pages', done, total));
    preparation.end('ready');
    log(`demo ready in ${preparation.view().elapsedSeconds.toFixed(1)} s (${preparation.timings()})`);
  } catch (err) {
    if (stopping()) return;
    preparation.end('failed');
    log.error('the demo game could not be prepared; the dashboard shows what was loaded', { error: (err as Error).message, steps: preparation.timings() });
  }
  if (stopping()) return;
  try {
    await startJobs();
  } catch (err) {
    log.error('the jobs could not start', { error: (err as Error).message });
  }
  deps.pages?.start();
}
