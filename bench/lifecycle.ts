/**
 * Lifecycle benchmark on a large synthetic game (default 1M players, ~100M
 * session and payment events over 180 days):
 * 1. the lifecycle refresh against one bare GROUP BY player scan of the same
 *    events: `ratio: X`, target <= 3. The refresh is what the product runs once
 *    events are stored: every player's stage as of the last day, computed from
 *    the daily rollups and written as that day's snapshot with its stage counts.
 *    The ratio is taken on merged rollups, as background merges leave them;
 *    the same refresh on the unmerged parts of the bulk load is printed too.
 *    The rollups themselves are kept by materialized views as events are
 *    inserted; their upkeep is timed on one batch (the same insert into a copy
 *    of the table without the views) and printed beside the ratio;
 * 2. the dashboard's endpoints under concurrent clients: p50 and p95 per
 *    endpoint, target p95 <= 100 ms with zero errors.
 * Usage: npm run bench:lifecycle -- [--players 1000000] [--sessions 95000000] [--days 180]
 *        [--connections 16] [--seconds 30] [--keep]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openReadyDb } from '../server/db/open.ts';
import { snapshotStages } from '../server/lifecycle/snapshots.ts';
import { dataDays } from '../server/queries/stages/dataDays.ts';
import { bareGroupByPlayer, createPlainSessions, dropPlainSessions, eventCounts, insertPayments, insertSessions, mergeRollups } from './lib/gameSql.ts';
import { load } from './lib/load.ts';
import { startServerProcess, stopServerProcess } from './lib/serverProcess.ts';

const { values } = parseArgs({
  options: {
    players: { type: 'string', default: '1000000' },
    sessions: { type: 'string', default: '95000000' },
    days: { type: 'string', default: '180' },
    connections: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
  },
});
const num = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const players = num('players');
const sessions = num('sessions');
const days = num('days');
const connections = num('connections');
const loadSeconds = num('seconds');
const FIRST_DAY = '2026-01-01';
const BATCH = 10_000_000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-lifecycle-'));
const env = { DATA_DIR: path.join(dir, 'data'), DEMO: 'off' };
const cfg = loadConfig(env as NodeJS.ProcessEnv);
const db = await openReadyDb(cfg);
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await fn();
  return [out, (performance.now() - t0) / 1000];
};

console.log(`generating ${sessions.toLocaleString('en')} sessions for ${players.toLocaleString('en')} players over ${days} days in ${dir}`);
let upkeep = { rows: 0, plainS: 0, withViewsS: 0 };
const [, genS] = await timed(async () => {
  for (let offset = 0; offset < sessions; offset += BATCH) {
    const count = Math.min(BATCH, sessions - offset);
    if (offset === 0) {
      // The first batch twice: into a copy no view reads, then for real, so the rollups' share of the insert is known.
      await createPlainSessions(db);
      const [, plainS] = await timed(() => insertSessions(db, offset, count, players, days, FIRST_DAY, 'sessions_plain'));
      await dropPlainSessions(db);
      const [, withViewsS] = await timed(() => insertSessions(db, offset, count, players, days, FIRST_DAY));
      upkeep = { rows: count, plainS, withViewsS };
    } else await insertSessions(db, offset, count, players, days, FIRST_DAY);
    console.log(`  sessions ${(offset + count).toLocaleString('en')}/${sessions.toLocaleString('en')}`);
  }
  await insertPayments(db);
});
const counts = await eventCounts(db);
const events = counts.sessions + counts.payments;
console.log(
  `generated ${counts.sessions.toLocaleString('en')} sessions + ${counts.payments.toLocaleString('en')} payments = ${events.toLocaleString('en')} events, ${counts.players.toLocaleString('en')} players, in ${genS.toFixed(0)} s`,
);

const { maxDay } = await dataDays(db);
if (!maxDay) throw new Error('no data generated');
const daysBefore = (n: number) => new Date(Date.parse(`${maxDay}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const dayBefore = daysBefore(1);
const weekBefore = daysBefore(7);

const [scanned, bareS] = await timed(() => bareGroupByPlayer(db));
// As inserted, the rollup holds a part per insert; background merges fold them into one row per key over time.
// Each refresh is the first snapshot of its day (the day before the last, then the last), as after an ingest.
const [, freshPartsS] = await timed(() => snapshotStages(db, dayBefore, dayBefore));
const [, mergeS] = await timed(() => mergeRollups(db));
const [, refreshS] = await timed(() => snapshotStages(db, maxDay, maxDay));
const upkeepS = upkeep.withViewsS - upkeep.plainS;
console.log(
  `bare GROUP BY player:  ${bareS.toFixed(2)} s (${scanned.toLocaleString('en')} players, ${Math.round(events / bareS).toLocaleString('en')} events/s)`,
);
console.log(`lifecycle refresh:     ${refreshS.toFixed(2)} s (stage of every player as of ${maxDay} from the rollups, snapshot and stage counts written)`);
console.log(`ratio: ${(refreshS / bareS).toFixed(2)}  (target <= 3)`);
console.log(
  `  the same refresh as of ${dayBefore} on the rollup's unmerged parts, before merging them (${mergeS.toFixed(0)} s, what background merges do over time): ` +
    `${freshPartsS.toFixed(2)} s, ratio ${(freshPartsS / bareS).toFixed(2)}`,
);
console.log(
  `  rollup upkeep at insert: ${upkeep.rows.toLocaleString('en')} sessions took ${upkeep.withViewsS.toFixed(2)} s with the rollup views, ` +
    `${upkeep.plainS.toFixed(2)} s without: ${upkeepS.toFixed(2)} s, about ${((upkeepS * events) / upkeep.rows).toFixed(0)} s over all ${events.toLocaleString('en')} events, spread over their ingests`,
);

// The week before too, so week-over-week views have two snapshots to compare.
await snapshotStages(db, weekBefore, weekBefore);
await db.close();

const port = 20000 + Math.floor(Math.random() * 20000);
const server = await startServerProcess({ ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', INGEST_CRON: '0 0 1 1 *' });
const base = `http://127.0.0.1:${port}/api`;
const ENDPOINTS = [
  '/health',
  '/overview',
  '/overview?server=s03',
  '/stages/trend',
  '/lifecycle/transitions',
  '/lifecycle/flow?fromStage=stable&toStage=decline',
  '/retention',
  '/retention?grain=week&mode=unbounded',
  '/retention/ltv',
  '/value',
  '/value/lists/at_risk_high_value',
  '/players?q=p12',
  '/players/p1',
  '/players/p1/events',
  '/settings/lifecycle',
  '/ingest/status',
];
console.log(`\nendpoints: ${connections} concurrent clients, ${loadSeconds} s each`);
// "cold" is the first request, computed by the engine; the load that follows is what users see between data changes.
console.log('endpoint'.padEnd(44), ' cold ms', 'requests', '   req/s', '   p50 ms', '   p95 ms', '   max ms', 'errors');
let worst = 0;
let failed = 0;
try {
  for (const ep of ENDPOINTS) {
    const t0 = performance.now();
    const cold = await fetch(base + ep);
    await cold.arrayBuffer();
    const coldMs = performance.now() - t0;
    if (!cold.ok) failed++;
    const r = await load(base + ep, connections, loadSeconds);
    worst = Math.max(worst, r.p95);
    failed += r.errors;
    console.log(
      ep.padEnd(44),
      coldMs.toFixed(0).padStart(8),
      String(r.requests).padStart(8),
      r.perSecond.toFixed(0).padStart(8),
      r.p50.toFixed(1).padStart(9),
      r.p95.toFixed(1).padStart(9),
      r.max.toFixed(0).padStart(9),
      `${r.errors}${r.firstError ? ` (${r.firstError})` : ''}`.padStart(6),
    );
  }
} finally {
  await stopServerProcess(server);
}
console.log(`worst p95: ${worst.toFixed(1)} ms (target <= 100), errors: ${failed}`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);
