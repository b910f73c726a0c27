import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Preparation } from '../../contract/preparing.ts';
import { localCredentialPath } from '../../server/auth/localCredential.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/startServer.ts';
import { capturingLogger } from './logger.ts';

export interface FirstStart {
  running: RunningServer;
  /** The log lines and what was printed for a person (the password box, the sign-in link). */
  logged: string[];
  printed: string[];
  /** The local admin credential the server wrote at start (a bearer token). */
  token: string;
  /** fetch with that credential. */
  adminFetch: (path: string) => Promise<Response>;
  preparing(): Promise<Preparation>;
  stop(): Promise<void>;
}

/**
 * The real start-up (startServer) on a new data directory with DEMO=auto and a
 * small demo game, so it listens while the demo is being prepared; port 0.
 */
export async function firstStart(demoPlayers: number, webDist?: string): Promise<FirstStart> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'first-start-'));
  const env = { DATA_DIR: path.join(dir, 'data'), DEMO: 'auto', DEMO_PLAYERS: String(demoPlayers) } as NodeJS.ProcessEnv;
  const cfg = { ...loadConfig(env, dir), port: 0 };
  const logged: string[] = [];
  const printed: string[] = [];
  const running = await startServer(cfg, { log: capturingLogger(logged), print: (t) => void printed.push(t), webDist });
  const token = readFileSync(localCredentialPath(cfg.dataDir), 'utf8').trim();
  const adminFetch = (p: string) => fetch(`${running.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    running,
    logged,
    printed,
    token,
    adminFetch,
    preparing: async () => (await (await adminFetch('/api/preparing')).json()) as Preparation,
    async stop() {
      // The engine closes only once the demo's queries are over.
      await running.ready;
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
