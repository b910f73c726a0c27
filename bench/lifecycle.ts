/**
 * Lifecycle benchmark on a large synthetic game (default 1M players, ~100M
 * session and payment events over 180 days):
 * 1. the lifecycle refresh (daily rollups rebuilt from the raw events, then the
 *    stage of every player as of the last day) against one bare GROUP BY player
 *    scan of the same events: `ratio: X`, target <= 3;
 * 2. the dashboard's endpoints under concurrent clients: p50 and p95 per
 *    endpoint, target p95 <= 100 ms with zero errors.
 * Usage: npm run bench:lifecycle -- [--players 1000000] [--sessions 95000000] [--days 180]
 *        [--connections 16] [--seconds 30] [--keep]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openReadyDb } from '../server/db/open.ts';
import { rebuildRollups } from '../server/lifecycle/rebuildRollups.ts';
import { refreshStageDays } from '../server/queries/stages/refreshStageDaily.ts';
import { dataDays } from '../server/queries/stages/dataDays.ts';
import { bareGroupByPlayer, eventCounts, insertPayments, insertSessions } from './lib/gameSql.ts';
import { load } from './lib/load.ts';

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
const [, genS] = await timed(async () => {
  for (let offset = 0; offset < sessions; offset += BATCH) {
    const count = Math.min(BATCH, sessions - offset);
    const [, s] = await timed(() => insertSessions(db, offset, count, players, days, FIRST_DAY));
    console.log(`  sessions ${(offset + count).toLocaleString('en')}/${sessions.toLocaleString('en')} (${Math.round(count / s).toLocaleString('en')} rows/s)`);
  }
  await insertPayments(db);
});
const counts = await eventCounts(db);
const events = counts.sessions + counts.payments;
console.log(`generated ${counts.sessions.toLocaleString('en')} sessions + ${counts.payments.toLocaleString('en')} payments = ${events.toLocaleString('en')} events, ${counts.players.toLocaleString('en')} players, in ${genS.toFixed(0)} s`);

const { maxDay } = await dataDays(db);
if (!maxDay) throw new Error('no data generated');
const weekBefore = new Date(Date.parse(`${maxDay}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);

const [scanned, bareS] = await timed(() => bareGroupByPlayer(db));
const [, rollupS] = await timed(() => rebuildRollups(db));
const [, stageS] = await timed(() => refreshStageDays(db, [maxDay]));
const refreshS = rollupS + stageS;
console.log(`bare GROUP BY player:  ${bareS.toFixed(2)} s (${scanned.toLocaleString('en')} players, ${Math.round(events / bareS).toLocaleString('en')} events/s)`);
console.log(`lifecycle refresh:     ${refreshS.toFixed(2)} s = rollups rebuilt ${rollupS.toFixed(2)} s + stages of every player as of ${maxDay} ${stageS.toFixed(2)} s`);
console.log(`ratio: ${(refreshS / bareS).toFixed(2)}  (target <= 3)`);

// The week before too, so week-over-week views have two snapshots to compare.
await refreshStageDays(db, [weekBefore]);
await db.close();

const port = 20000 + Math.floor(Math.random() * 20000);
const server = await startServer({ ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', INGEST_CRON: '0 0 1 1 *' });
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
      ep.padEnd(44), coldMs.toFixed(0).padStart(8), String(r.requests).padStart(8), r.perSecond.toFixed(0).padStart(8), r.p50.toFixed(1).padStart(9), r.p95.toFixed(1).padStart(9),
      r.max.toFixed(0).padStart(9), `${r.errors}${r.firstError ? ` (${r.firstError})` : ''}`.padStart(6),
    );
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
}
console.log(`worst p95: ${worst.toFixed(1)} ms (target <= 100), errors: ${failed}`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);

async function startServer(childEnv: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('dashboard at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
  return child;
}
