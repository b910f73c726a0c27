/**
 * The dashboard server as its own process for tests of command-line tools
 * (which must find it running): the real start-up (startServer) without the
 * web build, configured from the environment, stopped by SIGTERM.
 */
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { startServer } from '../../server/startServer.ts';

const cfg = loadConfig();
const running = await startServer(cfg, { log: createLogger({ level: 'warn' }), print: () => {} });
console.log(`listening ${running.url}`);
process.on('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
