/**
 * Win-back "find your old comrades" benchmark on a synthetic game of N
 * players on S servers (bench/lib/gameSql.ts; about 95 sessions a player over
 * 180 days): the background refresh that computes and stores the pairs after
 * an ingest, against one bare GROUP BY player scan of the same events.
 * Prints the refresh time, its statements (count, longest, p95: how long the
 * engine is held at a time, read from the client's side since the embedded
 * engine keeps no query log), the slowest /api/health answer while it runs,
 * and the cold Win-back comrades request (first page, answered from the
 * stored pairs) as `ratio: X` of the bare scan (target <= 0.5).
 * --exact also times the uncapped count (every player of a server and day a
 * candidate), the cost the cap removes: minutes from 100k players on.
 * --keep leaves the game's data directory; --reuse DIR measures again on one kept (no generation).
 * Usage: npm run bench:comrades -- [--players 100000] [--servers 16] [--sessions 95*players] [--days 180] [--exact] [--keep] [--reuse DIR]
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../server/app.ts';
import { createApiToken } from '../server/auth/tokens.ts';
import { loadConfig } from '../server/config.ts';
import { openReadyDb } from '../server/db/open.ts';
import { rows } from '../server/db/query.ts';
import { Ingester } from '../server/ingest/ingestRun.ts';
import { ingestSettings } from '../server/ingestDefaults.ts';
import { silentLogger } from '../server/log.ts';
import { dataDays } from '../server/queries/stages/dataDays.ts';
import { snapshotStages } from '../server/lifecycle/snapshots.ts';
import { computeComradePairs } from '../server/winback/comrades.ts';
import { refreshComrades } from '../server/winback/comradesRefresh.ts';
import { COMRADE_CANDIDATES_PER_SERVER_DAY, LAPSED_DAYS_PER_CHUNK } from '../server/winback/comradesRun.ts';
import { bareGroupByPlayer, eventCounts, insertPayments, insertSessions, mergeRollups } from './lib/gameSql.ts';

const { values } = parseArgs({
  options: {
    players: { type: 'string', default: '100000' },
    servers: { type: 'string', default: '16' },
    sessions: { type: 'string' },
    days: { type: 'string', default: '180' },
    exact: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const num = (name: 'players' | 'servers' | 'sessions' | 'days', fallback?: number) => {
  const n = values[name] === undefined ? fallback : Number(values[name]);
  if (n === undefined || !Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const players = num('players');
const servers = num('servers');
const sessions = num('sessions', players * 95);
const days = num('days');
const FIRST_DAY = '2026-01-01';
const BATCH = 10_000_000;

const dir = values.reuse ?? mkdtempSync(path.join(os.tmpdir(), 'bench-comrades-'));
const cfg = loadConfig({ DATA_DIR: path.join(dir, 'data'), DEMO: 'off' } as NodeJS.ProcessEnv);
const db = await openReadyDb(cfg);
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await fn();
  return [out, (performance.now() - t0) / 1000];
};

// Every statement of the refresh, timed as the caller waits for it (the embedded engine answers one at a time);
// the health probe's own statements run in another context and are not counted.
const statements: { ms: number; sql: string }[] = [];
const refreshing = new AsyncLocalStorage<boolean>();
const client = db.client as unknown as Record<'query' | 'command', (a: { query: string }) => Promise<unknown>>;
for (const method of ['query', 'command'] as const) {
  const call = client[method].bind(db.client);
  client[method] = async (a) => {
    const t0 = performance.now();
    try {
      return await call(a);
    } finally {
      if (refreshing.getStore()) statements.push({ ms: performance.now() - t0, sql: a.query.replace(/\s+/g, ' ').trim().slice(0, 90) });
    }
  };
}

if (!values.reuse) {
  console.log(
    `generating ${sessions.toLocaleString('en')} sessions for ${players.toLocaleString('en')} players on ${servers} servers over ${days} days in ${dir}`,
  );
  const [, genS] = await timed(async () => {
    for (let offset = 0; offset < sessions; offset += BATCH) {
      await insertSessions(db, offset, Math.min(BATCH, sessions - offset), players, days, FIRST_DAY, 'sessions', servers);
    }
    await insertPayments(db);
    await mergeRollups(db);
  });
  console.log(`generated in ${genS.toFixed(0)} s`);
}
const counts = await eventCounts(db);
console.log(`game: ${(counts.sessions + counts.payments).toLocaleString('en')} events, ${counts.players.toLocaleString('en')} players`);
const { maxDay } = await dataDays(db);
if (!maxDay) throw new Error('no data generated');
// The ingest's stage refresh of the last day, which the comrade refresh follows.
const [, stagesS] = await timed(() => snapshotStages(db, maxDay, maxDay));
const [, bareS] = await timed(() => bareGroupByPlayer(db));
console.log(`bare GROUP BY player:  ${bareS.toFixed(2)} s`);
console.log(`stage refresh of ${maxDay}: ${stagesS.toFixed(2)} s`);

const { token } = await createApiToken(db, `bench ${Date.now()}`, 'admin', 'bench');
const server: Server = createApp({ cfg, db, ingester: new Ingester(db, ingestSettings(cfg)), log: silentLogger }).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
const get = async (p: string, signed = true) => {
  const t0 = performance.now();
  const res = await fetch(base + p, { headers: signed ? { authorization: `Bearer ${token}` } : {} });
  const body = (await res.json()) as { state?: string; total?: number };
  if (!res.ok) throw new Error(`${p}: ${res.status} ${JSON.stringify(body)}`);
  return { body, ms: performance.now() - t0 };
};

try {
  // A health probe every 250 ms while the refresh runs: how long another request waits at worst. Unsigned, it asks the
  // engine only its version, so its time is the wait (signed, it counts every table's rows, seconds at 100M events).
  let probing = true;
  let worstProbe = 0;
  const probe = (async () => {
    while (probing) {
      worstProbe = Math.max(worstProbe, (await get('/health', false)).ms);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const [refresh, refreshS] = await timed(() => refreshing.run(true, () => refreshComrades({ db, cfg })));
  probing = false;
  await probe;
  if (!refresh) throw new Error('no pairs computed');
  const [{ pairs }] = await rows<{ pairs: number }>(db, 'SELECT pairs FROM comrade_runs ORDER BY published_at DESC LIMIT 1');
  const sorted = [...statements].sort((a, b) => b.ms - a.ms);
  const p95 = sorted[Math.floor(sorted.length * 0.05)]?.ms ?? 0;
  console.log(
    `comrade refresh:       ${refreshS.toFixed(2)} s for ${refresh.lapsed.toLocaleString('en')} lapsed players, ${Number(pairs).toLocaleString('en')} pairs, ` +
      `${refresh.chunks} chunks of about ${LAPSED_DAYS_PER_CHUNK.toLocaleString('en')} lapsed player-days (cap ${COMRADE_CANDIDATES_PER_SERVER_DAY} candidates per server and day)`,
  );
  console.log(`  ${statements.length} statements, longest ${(sorted[0].ms / 1000).toFixed(2)} s (${sorted[0].sql}...), p95 ${(p95 / 1000).toFixed(2)} s`);
  console.log(`  slowest /api/health answer meanwhile: ${(worstProbe / 1000).toFixed(2)} s`);

  const cold = await get('/winback/comrades?limit=50');
  const next = await get('/winback/comrades?limit=50&offset=50');
  console.log(
    `cold Win-back comrades (first page, state ${cold.body.state}, ${cold.body.total} pairs): ${(cold.ms / 1000).toFixed(3)} s; next page ${(next.ms / 1000).toFixed(3)} s`,
  );
  console.log(`ratio: ${(cold.ms / 1000 / bareS).toFixed(3)}  (target <= 0.5)`);

  if (values.exact) {
    const [exact, exactS] = await timed(() => computeComradePairs(db, cfg, maxDay, { cap: 2 ** 31 }));
    console.log(`uncapped count (every player of a server and day a candidate): ${exactS.toFixed(1)} s, ${exact.rows.length.toLocaleString('en')} pairs`);
  }
} finally {
  await new Promise((resolve) => server.close(resolve));
  await db.close();
}
if (!values.keep && !values.reuse) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);
