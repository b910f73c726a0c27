/**
 * Ingestion benchmark: the full ingester (hash, parse, validate, dedupe,
 * chunked insert, rollups, stage snapshots) against ClickHouse's own
 * `INSERT ... SELECT FROM file()` of the same file on the same engine.
 * Usage: npm run bench:ingest -- [--rows 2000000] [--keep]
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
import { refreshDirtyStages } from '../server/lifecycle/snapshots.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '2000000' }, keep: { type: 'boolean', default: false } } });
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows <= 0) throw new Error('--rows must be a positive integer');

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
const file = path.join(dir, 'sessions_bench.ndjson');
const cfg = loadConfig({ DATA_DIR: path.join(dir, 'data') } as NodeJS.ProcessEnv);
const db = await openReadyDb(cfg);

const seconds = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};

console.log(`generating ${rows.toLocaleString('en')} session rows (6 columns of the input contract) ...`);
await exec(
  db,
  `INSERT INTO FUNCTION file({path:String}, 'JSONEachRow')
   SELECT concat('e', toString(number)) AS event_id,
          concat('p', toString(number % 100000)) AS player_id,
          concat('s0', toString(number % 8)) AS server_id,
          concat(replaceOne(toString(toDateTime64('2026-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(number * 3)), ' ', 'T'), 'Z') AS start,
          toUInt32(60 + number % 3600) AS duration_s,
          toUInt16(1 + number % 60) AS level
   FROM numbers({rows:UInt64})`,
  { path: file, rows },
);
const mb = statSync(file).size / 1e6;
console.log(`file: ${file} (${mb.toFixed(0)} MB)`);

const ingester = new Ingester(db, ingestSettings(cfg));
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
if (summary?.rowsLoaded !== rows) throw new Error(`ingester loaded ${summary?.rowsLoaded} rows, expected ${rows}`);
// The stage snapshots are the lifecycle refresh's work (its own benchmark), timed here for information only.
let stageDays = 0;
const stagesS = await seconds(async () => {
  stageDays = await refreshDirtyStages(db);
});

await exec(db, `CREATE TABLE bench_baseline AS sessions`);
const baseS = await seconds(() =>
  exec(
    db,
    `INSERT INTO bench_baseline (event_id, player_id, server_id, start, duration_s, level)
     SELECT * FROM file({path:String}, 'JSONEachRow', 'event_id String, player_id String, server_id String, start DateTime64(3, \\'UTC\\'), duration_s UInt32, level UInt16')`,
    { path: file },
  ),
);
await db.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });

const ingestRate = rows / ingestS;
const baseRate = rows / baseS;
console.log(`ingester:              ${ingestS.toFixed(2)} s  ${Math.round(ingestRate).toLocaleString('en')} rows/s `);
// hash = content hash for the ledger; parse = parse and validate into staging; dedupe = drop known and repeated event_ids;
// insert = raw-table chunks plus the materialized views that keep the daily rollups.
console.log(`  phases: ${['hash', 'parse', 'dedupe', 'insert'].map((k) => `${k} ${(phases.get(k) ?? 0).toFixed(2)} s`).join(', ')}`);
console.log(`stage snapshots:       ${stagesS.toFixed(2)} s for ${stageDays} days (not part of the ratio)`);
console.log(`INSERT SELECT file():  ${baseS.toFixed(2)} s  ${Math.round(baseRate).toLocaleString('en')} rows/s`);
console.log(`ratio: ${(ingestRate / baseRate).toFixed(2)}  (target >= 0.6)`);
