import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Db } from '../../server/db/client.ts';
import { openReadyDb } from '../../server/db/open.ts';
import type { Deps } from '../../server/deps.ts';
import { Ingester } from '../../server/ingest/ingestRun.ts';
import { ingestSettings } from '../../server/ingestDefaults.ts';
import { silentLogger } from '../../server/log.ts';

export interface TestEngine extends Deps {
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh embedded engine in a temporary data directory, migrated and checked
 * like the server's. One per test file (each file runs in its own process).
 */
export async function freshEngine(env: Record<string, string> = {}, chunkRows?: number): Promise<TestEngine> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lifecycle-test-'));
  const cfg: Config = loadConfig({ DATA_DIR: path.join(dir, 'data'), DEMO: 'off', ...env } as NodeJS.ProcessEnv, dir);
  const db: Db = await openReadyDb(cfg);
  const ingester = new Ingester(db, ingestSettings(cfg, chunkRows));
  return {
    cfg,
    db,
    ingester,
    dir,
    log: silentLogger,
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
