import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createClient, type ClickHouseClient, type ClickHouseSettings, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import type { Config } from '../config.ts';

export type Engine = 'embedded' | 'remote';

/** The one handle to ClickHouse. Nothing outside server/db knows which engine is behind it. */
export interface Db {
  client: ClickHouseClient;
  engine: Engine;
  database: string;
  /** Embedded engine only: its data directory. */
  dataPath?: string;
  /** DATA_DIR of the process that opened it: where files kept beside the engine (the audit head anchor) live. */
  dataDir: string;
  /** Writes finished through this handle; response caches compare it to know their data is current. */
  writes: number;
  /** When the engine last answered a statement of this handle (Date.now()); 0 before the first. */
  answeredAt: number;
  close(): Promise<void>;
}

/** Raised when another process already holds the embedded engine's data directory. */
export class DataDirLockedError extends Error {
  constructor(readonly dataPath: string) {
    super(
      `The embedded ClickHouse data directory ${dataPath} is in use by another process ` +
        '(usually a running dashboard server). Stop that process, or talk to it through its API ' +
        '(command-line tools do this on their own when the server is up), or set DATA_DIR to another directory.',
    );
  }
}

// Money comes back as decimal strings (never through a JS float); counts fit in a double;
// ISO timestamps from JS are accepted as they are.
const SESSION_SETTINGS: ClickHouseSettings = {
  date_time_input_format: 'best_effort',
  output_format_json_quote_decimals: 1,
  output_format_json_quote_64bit_integers: 0,
  date_time_output_format: 'iso',
};

export function embeddedDataPath(cfg: Config): string {
  return path.join(cfg.dataDir, 'clickhouse');
}

function openEmbedded(cfg: Config): Db {
  const dataPath = embeddedDataPath(cfg);
  mkdirSync(dataPath, { recursive: true });
  let connection: ReturnType<typeof createChdbConnection>;
  try {
    connection = createChdbConnection({ path: dataPath });
  } catch (err) {
    const text = String((err as Error & { cause?: Error }).cause?.message ?? '') + String((err as Error).message);
    if (/lock|Failed to create connection/i.test(text)) throw new DataDirLockedError(dataPath);
    throw err;
  }
  // chdb bundles its own copy of @clickhouse/client-common; the Connection shapes are identical.
  const client = createClient({ connection: connection as unknown as ClickHouseClientConfigOptions['connection'], clickhouse_settings: SESSION_SETTINGS });
  return {
    client,
    engine: 'embedded',
    database: cfg.clickhouse.database,
    dataPath,
    dataDir: cfg.dataDir,
    writes: 0,
    answeredAt: 0,
    close: () => client.close(),
  };
}

function openRemote(cfg: Config, database: string | undefined): ClickHouseClient {
  return createClient({
    url: cfg.clickhouse.url,
    username: cfg.clickhouse.user,
    password: cfg.clickhouse.password,
    database,
    clickhouse_settings: SESSION_SETTINGS,
    request_timeout: 600_000,
  });
}

/**
 * Opens the engine named by the config and makes its database current.
 * The embedded engine keeps one session per process, so `USE` sticks; a remote
 * server gets the database on every request instead.
 */
export async function openDb(cfg: Config): Promise<Db> {
  const database = cfg.clickhouse.database;
  if (!cfg.clickhouse.url) {
    const db = openEmbedded(cfg);
    await db.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    await db.client.command({ query: `USE ${database}` });
    return db;
  }
  const bootstrap = openRemote(cfg, undefined);
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  } finally {
    await bootstrap.close();
  }
  const client = openRemote(cfg, database);
  return { client, engine: 'remote', database, dataDir: cfg.dataDir, writes: 0, answeredAt: 0, close: () => client.close() };
}
