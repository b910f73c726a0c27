import type { Server } from 'node:http';
import { startReportJobs } from '../jobs/reports.ts';
import { JobRegistry, startSchedule } from '../jobs/schedule.ts';
import * as stagesJob from '../jobs/stages.ts';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/client.ts';
import { StartupCheckError } from './db/checks.ts';
import { MigrationError } from './db/migrate.ts';
import { openReadyDb } from './db/open.ts';
import { seedDemoIfEmpty } from './demo.ts';
import type { Deps } from './deps.ts';
import { Ingester } from './ingest/ingestRun.ts';
import { ingestSettings } from './ingestDefaults.ts';
import { createLogger, redactUrl } from './log.ts';
import { ensureWebBuild, WEB_DIST } from './webBuild.ts';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const log = createLogger({ level: cfg.logLevel });
  await ensureWebBuild(log);
  const db = await openReadyDb(cfg, log);
  if (db.engine === 'embedded') log.info('embedded ClickHouse', { dataPath: db.dataPath, database: db.database });
  else log.info('ClickHouse server', { url: redactUrl(cfg.clickhouse.url ?? ''), database: db.database });
  const ingester = new Ingester(db, ingestSettings(cfg));
  const jobs = new JobRegistry(log);
  const deps: Deps = { cfg, db, ingester, log, jobs };
  await stagesJob.run(deps);
  await seedDemoIfEmpty(deps);

  await startSchedule(deps, jobs);
  const stopReports = await startReportJobs(deps);
  const server: Server = createApp(deps, WEB_DIST).listen(cfg.port, cfg.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  log.info(`dashboard at http://${cfg.host}:${cfg.port}`, { inbox: cfg.inboxDir, ingestCron: cfg.ingest.cron, gameTz: cfg.gameTz });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await jobs.stop();
    await stopReports();
    server.close();
    server.closeAllConnections();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const known = [ConfigError, DataDirLockedError, MigrationError, StartupCheckError].some((E) => err instanceof E);
  if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error('error: the port is in use; stop the other process or set PORT to a free port');
  } else {
    console.error(redactUrl(`error: ${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}`));
  }
  process.exit(1);
});
