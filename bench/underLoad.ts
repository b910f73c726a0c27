/**
 * Under-load benchmark: starts the product as a newcomer does (`npm start`, a
 * new data directory, the demo game), then runs 16 clients on the heaviest
 * pages' requests (each asking a different day range, so the response cache
 * does not answer for them) while an ingest (the demo's archived files loaded
 * again: every row parsed and deduplicated) and a model fit run. A probe asks
 * GET /api/health every 250 ms throughout. Prints the health probe's p50, p95
 * and max, every endpoint's p95 and max, and the requests over 5 s, against
 * the targets (health p95 <= 200 ms, no request over 5 s).
 * Usage: npm run bench:load -- [--players 50000] [--clients 16] [--seconds 30] [--keep]
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addDays } from '../server/days.ts';
import { freePort } from '../test/helpers/child.ts';
import { percentile } from './lib/load.ts';
import { npmStart, sleep, stop, untilPortAnswers, untilReady } from './lib/npmStart.ts';

const { values } = parseArgs({
  options: {
    players: { type: 'string', default: '50000' },
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
  },
});

/** The pages' heaviest requests; `{to}` is a day within the data, different per request. */
const HEAVY = [
  '/api/overview?to={to}',
  '/api/stages/trend?to={to}',
  '/api/retention?to={to}',
  '/api/retention?grain=week&to={to}',
  '/api/value?asOf={to}',
  '/api/offers/proposals?asOf={to}',
  '/api/winback/rescue?asOf={to}',
  '/api/lifecycle/transitions?to={to}',
] as const;

interface Sample {
  name: string;
  ms: number;
  status: number;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-under-load-'));
const dataDir = path.join(dir, 'data');
try {
  console.log(
    `under load: npm start, DATA_DIR=${dataDir} (new), DEMO_PLAYERS=${values.players}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`,
  );
  const server = npmStart(dataDir, await freePort(), values.players);
  console.log(`  port answers after ${await untilPortAnswers(server)} s, demo ready after ${await untilReady(server, dataDir)} s`);
  const token = readFileSync(path.join(dataDir, 'local-admin.token'), 'utf8').trim();
  const ask = async (name: string, url: string, init: RequestInit = {}): Promise<Sample> => {
    const t0 = performance.now();
    const res = await fetch(`${server.url}${url}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
    await res.arrayBuffer();
    return { name, ms: performance.now() - t0, status: res.status };
  };
  const meta = (await (await fetch(`${server.url}/api/meta`, { headers: { authorization: `Bearer ${token}` } })).json()) as { minDay: string; maxDay: string };
  const span = Math.max(1, (Date.parse(meta.maxDay) - Date.parse(meta.minDay)) / 86_400_000 - 30);

  // Another copy of every archived file, under new names: the ingester parses and deduplicates all of it.
  const again = path.join(dir, 'again');
  mkdirSync(again);
  const archive = path.join(dataDir, 'archive');
  for (const f of readdirSync(archive, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()))
    cpSync(path.join(f.parentPath, f.name), path.join(again, f.name.replace(/^(sessions|payments|friends)_/, '$1_again_')));

  const samples: Sample[] = [];
  const health: Sample[] = [];
  let running = true;
  const t0 = performance.now();
  const background = Promise.all([
    ask('POST /api/ingest', '/api/ingest', { method: 'POST', body: JSON.stringify({ paths: [again] }) }),
    ask('POST /api/models/fit', '/api/models/fit', { method: 'POST', body: '{}' }),
  ]);
  const probe = (async () => {
    while (running) {
      health.push(await ask('GET /api/health', '/api/health'));
      await sleep(250);
    }
  })();
  let n = 0;
  const client = async () => {
    while (running) {
      const pick = HEAVY[n++ % HEAVY.length];
      const to = addDays(meta.minDay, 30 + Math.floor(Math.random() * span));
      samples.push(await ask(pick.split('?')[0], pick.replace('{to}', to)));
    }
  };
  const clients = Array.from({ length: Number(values.clients) }, client);
  const done = await background;
  const busySeconds = (performance.now() - t0) / 1000;
  for (const d of done) console.log(`  ${d.name}: ${d.status} in ${(d.ms / 1000).toFixed(1)} s`);
  await sleep(Math.max(0, Number(values.seconds) * 1000 - (performance.now() - t0)));
  running = false;
  await Promise.all([probe, ...clients]);

  const stats = (xs: Sample[]) => {
    const ms = xs.map((x) => x.ms).sort((a, b) => a - b);
    return { n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms.at(-1) ?? Number.NaN, failed: xs.filter((x) => x.status >= 400).length };
  };
  const h = stats(health);
  console.log(
    `  ${values.clients} clients for ${((performance.now() - t0) / 1000).toFixed(0)} s (ingest and fit ran for the first ${busySeconds.toFixed(0)} s)`,
  );
  console.log(
    `  GET /api/health: ${h.n} probes, p50 ${h.p50.toFixed(0)} ms, p95 ${h.p95.toFixed(0)} ms, max ${h.max.toFixed(0)} ms (target p95 <= 200 ms: ${h.p95 <= 200 ? 'met' : 'NOT met'})`,
  );
  for (const name of [...new Set(samples.map((s) => s.name))]) {
    const s = stats(samples.filter((x) => x.name === name));
    console.log(
      `  ${name.padEnd(28)} ${String(s.n).padStart(5)} requests, p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms${s.failed ? `, ${s.failed} failed` : ''}`,
    );
  }
  const slow = [...samples, ...health].filter((s) => s.ms > 5000).length;
  console.log(`  requests over 5 s: ${slow} of ${samples.length + health.length} (target 0: ${slow === 0 ? 'met' : 'NOT met'})`);
  await stop(server);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
