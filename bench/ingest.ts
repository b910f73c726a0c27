/**
 * Ingestion benchmark: the full ingester (hash, parse, validate, dedupe,
 * chunked insert, rollups, stage snapshots) against ClickHouse's own
 * `INSERT ... SELECT FROM file()` of the same file on the same engine.
 * Usage: npm run bench:ingest -- [--rows 2000000] [--erased 0] [--keep]
 * --erased N puts N players (none of them in the file) on the erasure deny
 * list first, so the per-row deny-list check of the parse phase has a list
 * to look in; compare the parse phase with and without.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openReadyDb } from '../server/db/open.ts';
import { exec } from '../server/db/query.ts';
import { Ingester } from '../server/ingest/ingestRun.ts';
import { ingestSettings } from '../server/ingestDefaults.ts';
import { simulateGame } from '../server/sim/simulate.ts';
import { refreshDirtyStages } from '../server/lifecycle/snapshots.ts';
import { playerKeyHash } from '../server/erasure/playerKey.ts';
import { addToDenyList } from '../server/queries/erasure/denyList.ts';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '2000000' }, erased: { type: 'string', default: '0' }, keep: { type: 'boolean', default: false } },
});
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows <= 0) throw new Error('--rows must be a positive integer');
const erased = Number(values.erased);
if (!Number.isInteger(erased) || erased < 0) throw new Error('--erased must be a whole number');

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
const cfg = loadConfig({ DATA_DIR: path.join(dir, 'data') } as NodeJS.ProcessEnv);
const db = await openReadyDb(cfg);

const seconds = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};

// The simulator is the data generator: its sessions file has the real mix of
// ISO and epoch-ms times, end or duration_s, and optional fields. About 20
// sessions per player over 120 days, all in one file.
console.log(`simulating about ${rows.toLocaleString('en')} sessions (${Math.round(rows / 20).toLocaleString('en')} players, 120 days) ...`);
const sim = await simulateGame({
  seed: 1,
  players: Math.max(1, Math.round(rows / 20)),
  days: 120,
  servers: 8,
  endDay: '2026-03-31',
  out: dir,
  format: 'ndjson',
  gzip: false,
  malformedRows: 0,
  filesEvery: 120,
});
const file = sim.files.find((f) => path.basename(f).startsWith('sessions_'))!;
for (const f of sim.files.filter((x) => x !== file)) rmSync(f);
const sessions = sim.sessions;
const mb = statSync(file).size / 1e6;
console.log(`file: ${path.basename(file)}: ${sessions.toLocaleString('en')} rows, ${mb.toFixed(0)} MB`);

const settings = ingestSettings(cfg);
if (erased > 0)
  await addToDenyList(
    db,
    Array.from({ length: erased }, (_, i) => playerKeyHash(settings.erasureKey, `bench-erased-${i}`)),
  );
const ingester = new Ingester(db, settings);
let summary: Awaited<ReturnType<Ingester['run']>> | undefined;
// Time per phase: each progress event closes the phase before it.
const phases = new Map<string, number>();
let mark = performance.now();
let phase = 'start';
const ingestS = await seconds(async () => {
  summary = await ingester.run({
    paths: [file],
    source: 'cli',
    onProgress: (p) => {
      const now = performance.now();
      phases.set(phase, (phases.get(phase) ?? 0) + (now - mark) / 1000);
      phase = p.phase === 'insert' ? 'insert' : p.phase;
      mark = now;
    },
  });
});
if (summary?.rowsLoaded !== sessions) throw new Error(`ingester loaded ${summary?.rowsLoaded} rows, expected ${sessions}`);
// The stage snapshots are the lifecycle refresh's work (its own benchmark), timed here for information only.
let stageDays = 0;
const stagesS = await seconds(async () => {
  stageDays = await refreshDirtyStages(db);
});

// The engine's own load: parse the same file into a plain table, no validation, dedup or rollups.
await exec(
  db,
  `CREATE TABLE bench_baseline (event_id String, player_id String, server_id LowCardinality(String), start String, end Nullable(String),
     duration_s Nullable(UInt32), level Nullable(UInt16), platform LowCardinality(String), channel LowCardinality(String))
   ENGINE = MergeTree ORDER BY (player_id, start)`,
);
const baseS = await seconds(() =>
  exec(
    db,
    `INSERT INTO bench_baseline
     SELECT * FROM file({path:String}, 'JSONEachRow', 'event_id String, player_id String, server_id String, start String, end Nullable(String), duration_s Nullable(UInt32), level Nullable(UInt16), platform String, channel String')`,
    { path: file },
  ),
);
await db.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });

const ingestRate = sessions / ingestS;
const baseRate = sessions / baseS;
console.log(`ingester:              ${ingestS.toFixed(2)} s  ${Math.round(ingestRate).toLocaleString('en')} rows/s `);
// hash = content hash for the ledger; parse = parse and validate into staging; dedupe = drop known and repeated event_ids;
// insert = raw-table chunks plus the materialized views that keep the daily rollups.
console.log(`  deny list: ${erased.toLocaleString('en')} erased players`);
console.log(`  phases: ${['hash', 'parse', 'dedupe', 'insert'].map((k) => `${k} ${(phases.get(k) ?? 0).toFixed(2)} s`).join(', ')}`);
console.log(`stage snapshots:       ${stagesS.toFixed(2)} s for ${stageDays} days (not part of the ratio)`);
console.log(`INSERT SELECT file():  ${baseS.toFixed(2)} s  ${Math.round(baseRate).toLocaleString('en')} rows/s`);
console.log(`ratio: ${(ingestRate / baseRate).toFixed(2)}  (target >= 0.6)`);
