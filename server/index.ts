import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/client.ts';
import { StartupCheckError } from './db/checks.ts';
import { MigrationError } from './db/migrate.ts';
import { createLogger, redactUrl } from './log.ts';
import { startServer } from './startServer.ts';
import { ensureWebBuild, WEB_DIST } from './webBuild.ts';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const log = createLogger({ level: cfg.logLevel });
  await ensureWebBuild(log);
  const running = await startServer(cfg, { log, webDist: WEB_DIST });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await running.stop();
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
