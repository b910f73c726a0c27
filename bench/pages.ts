/**
 * Pages after new data, on the large synthetic game of bench:lifecycle (default
 * 1M players, ~100M events over 180 days):
 * 1. writes the game, snapshots the stages of its last weeks, fits the models and
 *    counts the comrade pairs (the state a running server keeps), then times one bare GROUP BY player scan
 *    of the events: the yardstick of every ratio;
 * 2. starts the server with the response cache off and opens every page once:
 *    what each page costs when computed on the spot (the reference);
 * 3. starts the server as it runs (cache on, pages computed ahead), waits for
 *    the pages to be ready, then loads one more day of sessions and payments
 *    through the ingester (POST /api/ingest, as the cron does) and prints the
 *    time from the end of the ingest until every page is ready;
 * 4. opens every page the way the browser does (all its requests at once),
 *    first (cold, right after the data changed) and again (warm), and prints
 *    `ratio: X` = the worst cold page over the bare scan (target <= 0.5).
 * Usage: npm run bench:pages -- [--players 1000000] [--sessions 95000000] [--days 180] [--snapshot-days 35]
 *        [--timeout 300] [--keep] [--data DIR (reuse a kept game)]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Readiness } from '../contract/readiness.ts';
import { localCredentialPath } from '../server/auth/localCredential.ts';
import { loadConfig } from '../server/config.ts';
import { openReadyDb } from '../server/db/open.ts';
import { one, rows } from '../server/db/query.ts';
import { addDays, daysBetween } from '../server/days.ts';
import { snapshotStages } from '../server/lifecycle/snapshots.ts';
import { refreshModels } from '../server/models/refresh.ts';
import { latestHoldoutCheck } from '../server/queries/models/modelRuns.ts';
import { publishedComradeRun } from '../server/queries/offers/publishedComradeRun.ts';
import { dataDays } from '../server/queries/stages/dataDays.ts';
import { pageRequests } from '../server/readiness/pageRequests.ts';
import { refreshComrades } from '../server/winback/comradesRefresh.ts';
import { refreshCohortAggregates } from '../server/retention/refreshAggregates.ts';
import { bareGroupByPlayer, eventCounts, insertPayments, insertSessions, mergeRollups } from './lib/gameSql.ts';
import { startServerProcess, stopServerProcess } from './lib/serverProcess.ts';

const { values } = parseArgs({
  options: {
    players: { type: 'string', default: '1000000' },
    sessions: { type: 'string', default: '95000000' },
    days: { type: 'string', default: '180' },
    'snapshot-days': { type: 'string', default: '35' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    data: { type: 'string' },
  },
});
const num = (name: 'players' | 'sessions' | 'days' | 'snapshot-days' | 'timeout') => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const FIRST_DAY = '2026-01-01';
const BATCH = 10_000_000;
const timeoutMs = num('timeout') * 1000;

const reuse = values.data !== undefined;
const dir = values.data ?? mkdtempSync(path.join(os.tmpdir(), 'bench-pages-'));
const dataDir = path.join(dir, 'data');
const env = { DATA_DIR: dataDir, DEMO: 'off' };
const s = (ms: number) => (ms / 1000).toFixed(2);
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
};

// 1. The game, its stages and scores, and the yardstick.
const db = await openReadyDb(loadConfig(env as NodeJS.ProcessEnv));
if (!reuse) {
  const [players, sessions, days] = [num('players'), num('sessions'), num('days')];
  console.log(`generating ${sessions.toLocaleString('en')} sessions for ${players.toLocaleString('en')} players over ${days} days in ${dir}`);
  for (let offset = 0; offset < sessions; offset += BATCH) {
    await insertSessions(db, offset, Math.min(BATCH, sessions - offset), players, days, FIRST_DAY);
    console.log(`  sessions ${Math.min(offset + BATCH, sessions).toLocaleString('en')}/${sessions.toLocaleString('en')}`);
  }
  await insertPayments(db);
  await mergeRollups(db);
}
const counts = await eventCounts(db);
const { maxDay } = await dataDays(db);
if (!maxDay) throw new Error('no data');
if (!reuse) {
  const from = addDays(maxDay, -(num('snapshot-days') - 1));
  const [, stagesMs] = await timed(() => snapshotStages(db, from, maxDay, (d, t) => console.log(`  stages ${d}/${t} days`)));
  console.log(`stage snapshots ${from}..${maxDay}: ${s(stagesMs)} s`);
}
// The models as the daily refresh leaves them, with their holdout check (a kept game may predate the check).
if (!reuse || !(await latestHoldoutCheck(db, 'engagement'))) {
  const [, modelsMs] = await timed(() => refreshModels({ db, cfg: loadConfig(env as NodeJS.ProcessEnv) }));
  console.log(`model fit, scores and holdout check: ${s(modelsMs)} s`);
}
// The comrade pairs as the refresh after the last ingest left them: a kept game's last run left them current,
// unless it predates them or stopped before they were done.
const published = await publishedComradeRun(db);
if (published?.asOf === maxDay && published.current) console.log(`comrade pairs as of ${maxDay}: current`);
else {
  const [comrades, comradesMs] = await timed(() => refreshComrades({ db, cfg: loadConfig(env as NodeJS.ProcessEnv) }));
  console.log(`comrade pairs as of ${comrades?.asOf}: ${comrades?.lapsed.toLocaleString('en')} lapsed players, ${s(comradesMs)} s`);
}
// The retention and Overview pre-aggregates as a running server keeps them (a game written by hand, or kept from
// before sql/028, has none: the refresh after the ingest would fill them whole).
const [aggregates, aggregatesMs] = await timed(() => refreshCohortAggregates(db));
console.log(`retention and Overview pre-aggregates (${aggregates.kind}): ${s(aggregatesMs)} s`);
// The yardstick is the median of three scans: one scan on a shared 2-core machine varies by half its time.
const bareRuns: number[] = [];
for (let i = 0; i < 3; i++) bareRuns.push((await timed(() => bareGroupByPlayer(db)))[1]);
const bareMs = [...bareRuns].sort((a, b) => a - b)[1];
const events = counts.sessions + counts.payments;
console.log(
  `game: ${counts.players.toLocaleString('en')} players, ${events.toLocaleString('en')} events to ${maxDay}; ` +
    `bare GROUP BY player: ${s(bareMs)} s (median of ${bareRuns.map(s).join(', ')} s)`,
);

// One more day: a day's sessions and payments again, after the last day, as a game server's next file. The last
// day with sessions before the last day stands for a typical day (the generator piles the lifetimes cut by the range
// onto the last one; a game kept from older runs of this benchmark may have a day without sessions).
const nextDay = addDays(maxDay, 1);
const typical = (await one<{ typical: string }>(db, 'SELECT toString(max(day)) AS typical FROM sessions WHERE day < {last:Date}', { last: maxDay }))?.typical;
if (!typical) throw new Error('no day with sessions before the last');
const shift = daysBetween(typical, nextDay).length - 1;
const inbox = path.join(dir, `next-day-${nextDay}`);
mkdirSync(inbox, { recursive: true });
const dayRows = async (table: 'sessions' | 'payments') =>
  rows<Record<string, string>>(
    db,
    table === 'sessions'
      ? `SELECT concat('n', toString({next:Date}), event_id) AS event_id, player_id, server_id,
                formatDateTime(start + toIntervalDay({shift:UInt32}), '%Y-%m-%dT%H:%i:%SZ', 'UTC') AS start, duration_s, level, platform, channel
         FROM sessions WHERE day = {day:Date}`
      : `SELECT concat('n', toString({next:Date}), event_id) AS event_id, player_id, server_id,
                formatDateTime(ts + toIntervalDay({shift:UInt32}), '%Y-%m-%dT%H:%i:%SZ', 'UTC') AS ts, toString(amount) AS amount, currency, sku
         FROM payments WHERE day = {day:Date}`,
    { day: typical, next: nextDay, shift },
  );
const nextFiles: string[] = [];
for (const table of ['sessions', 'payments'] as const) {
  const r = await dayRows(table);
  const file = path.join(inbox, `${table}_${nextDay}.ndjson`);
  writeFileSync(file, `${r.map((x) => JSON.stringify(x)).join('\n')}\n`);
  nextFiles.push(file);
  console.log(`next day's ${table}: ${r.length.toLocaleString('en')} rows in ${path.basename(file)}`);
}
await db.close();

// What a browser sends for a page: all its requests at once (the shell's meta among them). The win-back page also
// reads the stored comrade pairs, never cached (their own refresh keeps them), so the warmer leaves them out.
const browserRequests = (lastDay: string | null) =>
  Object.entries(pageRequests(lastDay))
    .filter(([p]) => p !== 'shell')
    .map(([p, urls]): [string, string[]] => [p, p === 'winback' && lastDay ? [...urls, `/api/winback/comrades?asOf=${lastDay}&offset=0`] : urls]);
const pages = browserRequests(maxDay);

async function withServer<T>(extra: Record<string, string>, work: (api: Api) => Promise<T>): Promise<T> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = await startServerProcess({ ...process.env, ...env, ...extra, PORT: String(port), HOST: '127.0.0.1', INGEST_CRON: '0 0 1 1 *' });
  try {
    const token = readFileSync(localCredentialPath(dataDir), 'utf8').trim();
    return await work(new Api(`http://127.0.0.1:${port}`, token));
  } finally {
    await stopServerProcess(child);
  }
}

class Api {
  constructor(
    readonly base: string,
    private readonly token: string,
  ) {}

  async get(url: string): Promise<{ status: number; cache: string }> {
    const res = await fetch(this.base + url, {
      headers: { authorization: `Bearer ${this.token}`, 'accept-encoding': 'br, gzip' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return { status: res.status, cache: res.headers.get('x-cache') ?? '-' };
  }

  /** Over node:http: the ingest request also waits for the comrade pairs, which may outlast fetch's 300 s header timeout. */
  post(url: string, body: object): Promise<number> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        this.base + url,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(status);
            else reject(new Error(`${url}: ${status} ${Buffer.concat(chunks).toString('utf8')}`));
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The last day with data, which pages pass as their as-of day. */
  async maxDay(): Promise<string | null> {
    const res = await fetch(`${this.base}/api/meta`, { headers: { authorization: `Bearer ${this.token}` } });
    return ((await res.json()) as { maxDay: string | null }).maxDay;
  }

  async readiness(): Promise<Readiness> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await (await fetch(`${this.base}/api/readiness`, { headers: { authorization: `Bearer ${this.token}` } })).json()) as Readiness;
      } catch (err) {
        // A kept-alive connection the server closed as the poll went out (ECONNRESET): ask again on a new one.
        if (attempt >= 3) throw err;
      }
    }
  }

  /** Resolves when the pages are ready again after `after` (a readyAt), printing the warming's progress. */
  async untilReady(after: string | null): Promise<Readiness> {
    for (let last = ''; ; ) {
      const r = await this.readiness();
      if (r.state === 'ready' && r.readyAt !== after) return r;
      const line = `  pages: ${r.state} ${r.done}/${r.total}`;
      if (line !== last) console.log((last = line));
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }

  /** After a change: when the warming began (the writing job had ended) and when the pages were ready again. */
  async untilWarmedAgain(after: string | null): Promise<[number, { at: number; readiness: Readiness }]> {
    let began = 0;
    for (;;) {
      const r = await this.readiness();
      const now = performance.now();
      if (r.state === 'warming' && !began) began = now;
      if (r.state === 'ready' && r.readyAt !== after) return [began || now, { at: now, readiness: r }];
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }

  /** One page as the browser opens it: every request at once; the time until the last answer, and how they were answered. */
  async page(urls: string[]): Promise<{ ms: number; caches: string; failed: string[] }> {
    const t0 = performance.now();
    const answers = await Promise.all(
      urls.map((u) => this.get(u).catch((e: Error) => ({ status: 0, cache: e.name === 'TimeoutError' ? `>${values.timeout}s` : 'error' }))),
    );
    const ms = performance.now() - t0;
    const tally = new Map<string, number>();
    for (const a of answers) tally.set(a.cache, (tally.get(a.cache) ?? 0) + 1);
    return {
      ms,
      caches: [...tally].map(([k, n]) => `${n} ${k}`).join(', '),
      failed: answers.flatMap((a, i) => (a.status === 200 ? [] : [`${urls[i]} ${a.status || a.cache}`])),
    };
  }
}

// 2. The reference: every page computed on the spot.
console.log('\nwithout computing ahead (API_CACHE_SECONDS=0): every page computed when opened');
const computed = new Map<string, number>();
await withServer({ API_CACHE_SECONDS: '0' }, async (api) => {
  for (const [page, urls] of pages) {
    const r = await api.page(['/api/meta', ...urls]);
    computed.set(page, r.ms);
    console.log(`  ${page.padEnd(10)} ${s(r.ms).padStart(8)} s${r.failed.length ? `  failed: ${r.failed.join('; ')}` : ''}`);
  }
});

// 3 and 4. As the product runs.
console.log('\nas the product runs: pages computed ahead after every change of the data');
await withServer({}, async (api) => {
  const [start, startMs] = await timed(() => api.untilReady(null));
  console.log(`pages ready ${s(startMs)} s after the server listened (${start.total} requests)`);
  // The request returns after the load, its stage refresh and the comrade pairs' refresh; the pages are computed
  // ahead from the moment the data and stages are written (the warming starts), beside the comrades' count.
  const t0 = performance.now();
  const ingest = timed(() => api.post('/api/ingest', { paths: nextFiles }));
  const [warmFrom, ready] = await api.untilWarmedAgain(start.readyAt);
  const [, ingestMs] = await ingest;
  const readyMs = ready.at - warmFrom;
  console.log(
    `ingest of ${nextDay}: the request took ${s(ingestMs)} s (load, stage refresh, comrade pairs); the data and stages were written ` +
      `${s(warmFrom - t0)} s in, and every page was ready ${s(readyMs)} s after that (${ready.readiness.total} requests, ${ready.readiness.seconds} s of warming)`,
  );
  if (ready.readiness.failed.length) console.log(`  not computed ahead: ${ready.readiness.failed.map((f) => `${f.url} ${f.status}`).join('; ')}`);

  console.log(`\n${'page'.padEnd(10)} ${'computed'.padStart(10)} ${'cold'.padStart(9)} ${'warm'.padStart(9)}  answers (cold)`);
  let worst = 0;
  let worstPage = '';
  const pagesAfter = browserRequests(await api.maxDay());
  for (const [page, urls] of pagesAfter) {
    const cold = await api.page(['/api/meta', ...urls]);
    const warm = await api.page(['/api/meta', ...urls]);
    if (cold.ms > worst) [worst, worstPage] = [cold.ms, page];
    console.log(
      `${page.padEnd(10)} ${`${s(computed.get(page) ?? NaN)} s`.padStart(10)} ${`${s(cold.ms)} s`.padStart(9)} ${`${s(warm.ms)} s`.padStart(9)}  ${cold.caches}${cold.failed.length ? `; failed: ${cold.failed.join('; ')}` : ''}`,
    );
  }
  console.log(`\nworst cold page: ${worstPage} ${s(worst)} s; bare GROUP BY player ${s(bareMs)} s`);
  console.log(`ratio: ${(worst / bareMs).toFixed(2)}  (target <= 0.5)`);
  console.log(`pages ready after the ingest: ${s(readyMs)} s, ${(readyMs / bareMs).toFixed(2)}x the bare scan (target <= 3)`);
});

if (!values.keep && !reuse) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir} (rerun with --data ${dir}: each run adds one more day)`);
