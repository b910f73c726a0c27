import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, MigrationError, SQL_DIR } from '../../server/db/migrate.ts';
import { rows } from '../../server/db/query.ts';
import { PLAYER_TABLES, QUARANTINE_TABLE } from '../../server/erasure/tables.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';

let engine: TestEngine;
beforeAll(async () => {
  engine = await freshEngine();
});
afterAll(() => engine?.cleanup());

/** A scratch copy of sql/ for one test, removed after it. */
const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function copyOfSql(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sql-'));
  scratch.push(dir);
  cpSync(SQL_DIR, dir, { recursive: true });
  return dir;
}

describe('migration runner', () => {
  it('records every sql/ file with its checksum and applies nothing twice', async () => {
    const applied = await rows<{ name: string; checksum: string }>(engine.db, 'SELECT name, checksum FROM schema_migrations ORDER BY version');
    expect(applied.map((a) => a.name)).toEqual(loadMigrations().map((m) => m.name));
    expect(await migrate(engine.db)).toBe(0);
  });

  it('has every table an erasure empties look for replaced parts at least every 30 s, so the erasure can wait for them', async () => {
    const tables = [...PLAYER_TABLES.map((t) => t.table), QUARANTINE_TABLE];
    const found = await rows<{ name: string; engine_full: string }>(
      engine.db,
      'SELECT name, engine_full FROM system.tables WHERE database = currentDatabase() AND name IN {t:Array(String)} ORDER BY name',
      { t: tables },
    );
    expect(found.map((t) => t.name).sort()).toEqual([...tables].sort());
    for (const t of found) expect(t.engine_full, t.name).toContain('max_cleanup_delay_period = 30');
  });

  it('refuses a changed, already-applied file', async () => {
    const dir = copyOfSql();
    appendFileSync(path.join(dir, '001_raw_events.sql'), '\n-- edited later\n');
    await expect(migrate(engine.db, loadMigrations(dir))).rejects.toThrow(MigrationError);
    await expect(migrate(engine.db, loadMigrations(dir))).rejects.toThrow(/001_raw_events.sql was changed after it was applied/);
  });

  it('applies a new numbered file once', async () => {
    const dir = copyOfSql();
    writeFileSync(path.join(dir, '900_extra.sql'), 'CREATE TABLE IF NOT EXISTS extra_t (x UInt8) ENGINE = Memory;\n');
    expect(await migrate(engine.db, loadMigrations(dir))).toBe(1);
    expect(await migrate(engine.db, loadMigrations(dir))).toBe(0);
  });

  it('names the data directory when another process holds the embedded engine', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', 'test/fixtures-missing-is-fine'], {
      env: { ...process.env, DATA_DIR: engine.cfg.dataDir, PORT: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('no such file or directory');
    writeFileSync(
      path.join(engine.dir, 'sessions_one.ndjson'),
      '{"event_id":"e1","player_id":"p","server_id":"s","start":"2026-03-01T00:00:00Z","duration_s":1}\n',
    );
    const locked = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', path.join(engine.dir, 'sessions_one.ndjson')], {
      env: { ...process.env, DATA_DIR: engine.cfg.dataDir, PORT: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(locked.status).toBe(1);
    expect(locked.stderr).toContain(`The embedded ClickHouse data directory ${path.join(engine.cfg.dataDir, 'clickhouse')} is in use by another process`);
    expect(locked.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
