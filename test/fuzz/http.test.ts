import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUESTS, type RouteKey } from '../../contract/requests.ts';
import { createApp } from '../../server/app.ts';
import { rulesRecompute } from '../../server/lifecycle/rulesRecompute.ts';
import { refreshComrades } from '../../server/winback/comradesRefresh.ts';
import type { ApiRig } from '../helpers/api.ts';
import { registeredRoutes } from '../helpers/routes.ts';
import { baseRequests, type Base } from './baseRequests.ts';
import { casesOf, parsedJson, type Case } from './cases.ts';
import { startFuzzGame } from './fuzzGame.ts';
import { changedTables, statementCounter, tableSums, type Sums } from './tableSums.ts';

/**
 * Every route, every declared parameter, a fixed list of hostile values (one
 * at a time, the others valid), plus whole bodies that are not what a route
 * takes, against the real app on a small seeded game. For every answer: no
 * 5xx, no engine or internal text, a 4xx is JSON with an error message, an
 * answer within ANSWER_MS; and no table changed by a refused request.
 */

const ANSWER_MS = 30_000;
/** What must never reach a client: engine errors, stack frames, serializer and parser internals. */
const LEAK =
  /DB::Exception|Code: \d+\.|Cannot parse|SYNTAX_ERROR|UNKNOWN_(TABLE|IDENTIFIER|FUNCTION|SETTING)|\bchdb\b|clickhouse|\bat [\w.<>]+ \(|\.ts:\d+|node_modules|Refusing to serialize|internal error|TypeError|RangeError|ReferenceError/i;

/** A line on stderr as the suite goes: a fuzz run is long, and a hang should show where. */
const progress = (line: string) => process.stderr.write(`fuzz ${line}\n`);

let rig: ApiRig;
let bases: Record<RouteKey, Base>;
const sent: { c: Case; status: number; ms: number }[] = [];
const sums = { count: 0, ms: 0 };
let statements: () => number;
let last: { at: number; sums: Sums } | undefined;
/** The tables' sums, read again only when a statement that can change data was sent since the last reading. */
const sumTables = async () => {
  if (last && last.at === statements()) return last.sums;
  const t = performance.now();
  const out = await tableSums(rig.engine.db);
  sums.count++;
  sums.ms += performance.now() - t;
  last = { at: statements(), sums: out };
  return out;
};
const started = Date.now();

beforeAll(async () => {
  ({ rig, bases } = await startFuzzGame(progress).then(({ rig, ids }) => ({ rig, bases: baseRequests(ids) })));
  statements = statementCounter(rig.engine.db);
});
afterAll(async () => {
  await rig?.close();
  if (sent.length) console.log(summary());
});

/** Sends one case; returns what the answer got wrong, if anything. */
async function send(c: Case): Promise<string[]> {
  const t = performance.now();
  const headers: Record<string, string> = c.type ? { 'content-type': c.type } : {};
  const res = await rig
    .fetch(`${rig.base}${c.url}`, { method: c.method, headers, body: c.body, signal: AbortSignal.timeout(ANSWER_MS) })
    .catch((err: Error) => err);
  if (res instanceof Error) {
    sent.push({ c, status: 0, ms: performance.now() - t });
    return [`no answer within ${ANSWER_MS / 1000} s (${res.name})`];
  }
  const text = await res.text();
  sent.push({ c, status: res.status, ms: performance.now() - t });
  const wrong: string[] = [];
  if (res.status >= 500) wrong.push(`status ${res.status}`);
  const leak = text.match(LEAK);
  if (leak) wrong.push(`leaks "${leak[0]}"`);
  if (res.status >= 400) {
    const json = (res.headers.get('content-type') ?? '').includes('application/json');
    const error = json ? (parsedJson(text) as { error?: unknown } | undefined)?.error : undefined;
    if (typeof error !== 'string' || error.trim() === '') wrong.push('a 4xx without a JSON error message');
  }
  return wrong.map((w) => `${w}: ${res.status} ${text.slice(0, 200)}`);
}

/**
 * Sends a route's cases in order. A run of refused requests must leave every
 * table as it was: the tables are summed before the first of the run and
 * after its last (before a request that may be accepted, or at the end). An
 * accepted write may change them, so the sums are taken again before the next
 * request that could be refused.
 */
async function fuzzRoute(route: RouteKey): Promise<string[]> {
  const problems: string[] = [];
  const say = (c: Case, what: string) => problems.push(`${c.method} ${c.url.slice(0, 120)} [${c.label}]: ${what}`);
  // Comrade pairs left stale by an earlier rules save are counted again by their own background refresh, which
  // a read of them starts; bring them up to date first, so what the sums see is only what the requests do.
  if (route === 'GET /api/winback/comrades' || route === 'GET /api/winback/comrades.csv') await refreshComrades(rig.engine);
  let baseline: Sums | undefined = await sumTables();
  /** Sent since the baseline and bound to have changed nothing: refused requests, and any GET. */
  let unchecked: Case[] = [];
  const check = async () => {
    const now = await sumTables();
    const changed = changedTables(baseline!, now);
    if (changed.length) say(unchecked[0], `requests up to [${unchecked.at(-1)!.label}] changed ${changed.join(', ')}`);
    baseline = now;
    unchecked = [];
  };
  // A GET changes nothing even when it is answered, so its route is summed once before and once after.
  const reads = route.startsWith('GET ');
  for (const c of casesOf(route, REQUESTS[route], bases[route])) {
    if (!reads && !c.refused && unchecked.length) await check();
    // An accepted rules save answers at once and recomputes the stages after its answer: that is its change, not the next request's.
    if (baseline === undefined) await rulesRecompute(rig.engine.db).settled();
    baseline ??= await sumTables();
    for (const w of await send(c)) say(c, w);
    if (sent.at(-1)!.status >= 400 || reads) unchecked.push(c);
    else baseline = undefined;
  }
  if (unchecked.length) await check();
  return problems;
}

describe('HTTP fuzz', () => {
  it('has a request entry for every route the router holds, and no other', () => {
    const routes = registeredRoutes(createApp(rig.engine));
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => !(r in REQUESTS))).toEqual([]);
    // The suite attacks the table's routes, so the table must hold no route the router lacks either.
    expect(Object.keys(REQUESTS).filter((k) => !routes.includes(k))).toEqual([]);
  });

  for (const route of Object.keys(REQUESTS) as RouteKey[])
    it(`answers hostile input to ${route} with a clear 4xx and changes nothing it refuses`, async () => {
      const at = sent.length;
      const t = Date.now();
      const problems = await fuzzRoute(route);
      progress(`${route}: ${sent.length - at} requests, ${((Date.now() - t) / 1000).toFixed(1)} s, ${problems.length} problems`);
      for (const p of problems.slice(0, 4)) progress(`  ${p.slice(0, 400)}`);
      expect(problems).toEqual([]);
    });
});

function summary(): string {
  const count = (key: (s: (typeof sent)[number]) => string) => {
    const m = new Map<string, number>();
    for (const s of sent) m.set(key(s), (m.get(key(s)) ?? 0) + 1);
    return [...m].sort(([a], [b]) => (a < b ? -1 : 1));
  };
  const statuses = count((s) => String(s.status)).map(([k, n]) => `${k}: ${n}`);
  const routes = count((s) => s.c.route).map(([k, n]) => `  ${k}: ${n}`);
  const slowest = [...sent]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10)
    .map((s) => `  ${(s.ms / 1000).toFixed(2)} s ${s.status} ${s.c.method} ${s.c.url.slice(0, 100)} [${s.c.label}]`);
  return [
    `HTTP fuzz: ${sent.length} requests in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    `status counts: ${statuses.join(', ')}`,
    `table sums read: ${sums.count} in ${(sums.ms / 1000).toFixed(0)} s`,
    'per route:',
    ...routes,
    'slowest:',
    ...slowest,
  ].join('\n');
}
