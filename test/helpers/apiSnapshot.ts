/**
 * A byte-for-byte record of the API on one fixed game, so a refactor can be
 * shown to leave every answer unchanged: the same requests, in the same order,
 * against a fresh engine loaded with a seeded simulation that ends on a fixed
 * day; every answer kept as its exact text. Used by `npm run api:snapshot` and
 * test/integration/api-snapshot.test.ts.
 *
 * The requests are in apiSnapshotRequests.ts; only what cannot repeat is
 * rewritten, after all requests (see `normalise`).
 */
import path from 'node:path';
import { DAYS_AHEAD } from '../../contract/params.ts';
import { addDays } from '../../server/days.ts';
import { formatDay } from '../../server/reports/messages.ts';
import { rulesRecompute } from '../../server/lifecycle/rulesRecompute.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { simulateGame } from '../../server/sim/simulate.ts';
import { startApi } from './api.ts';
import type { TestEngine } from './engine.ts';
import { session, writeNdjson } from './files.ts';
import { requests, SNAPSHOT_END, type Exchange } from './apiSnapshotRequests.ts';

/** Players in the game: about the fewest with which every model fit succeeds (the monetary one needs 100 payers). */
const PLAYERS = 2000;

export interface SnapshotOptions {
  /**
   * Also save a second version of the stage rules and restore the first. Each
   * recomputes the whole stage history (about half the run), so the committed
   * record in test/golden/api.txt leaves them out.
   */
  ruleVersions: boolean;
  progress?: (message: string) => void;
}

/** The seeded game plus a file with some broken rows, so the quarantine has content; loaded through the real ingester. */
async function loadGame(engine: TestEngine): Promise<void> {
  const inbox = path.join(engine.dir, 'inbox');
  await simulateGame({
    seed: 7,
    players: PLAYERS,
    days: 90,
    servers: 3,
    endDay: SNAPSHOT_END,
    out: inbox,
    format: 'ndjson',
    gzip: false,
    malformedRows: 0,
    filesEvery: 30,
  });
  writeNdjson(inbox, 'sessions_mixed.ndjson', [
    ...['03-28', '03-29', '03-30', '03-31'].map((d, i) => session(`mixed-${i}`, 'p000001', `2026-${d}T10:00:00Z`)),
    '{"event_id": "broken-1", "player_id": ',
    session('broken-2', 'p000001', 'yesterday'),
    session('broken-3', '', '2026-03-30T10:00:00Z'),
  ]);
  await runIngestAndRefresh(engine, { paths: [inbox], source: 'cli' });
}

/** Random ids: UUIDs (ingest, model, launch, report and delivery runs) and report schedule ids. */
const RANDOM_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\bs-[0-9a-f]{8}\b/g;
/** Fields that time how long something took: a number, or an object of numbers per step. */
const DURATION = /"(seconds|durationMs)":(\{[^{}]*\}|\d+(\.\d+)?)/g;

/**
 * Rewrites what differs from one run to the next and nothing else:
 * - the temporary data directory becomes <tmp>;
 * - random ids (`RANDOM_ID`) become <id:N>, numbered by first appearance, so
 *   equal ids stay visibly equal;
 * - wall-clock times (a date-time whose day is within a day of the run) become
 *   <now>, a schedule's next run becomes <next-run>, and a bare date of the run's day (the archive folder) becomes <today>;
 * - the latest day a request may name (today + DAYS_AHEAD, quoted in refusals) becomes <last-day>;
 * - durations (`DURATION` fields) become <duration>, each number of them.
 * The game's dates end on SNAPSHOT_END, so a run within a day of it would blur the two.
 */
function normalise(text: string, tmpDir: string, started: Date): string {
  const days = [-1, 0, 1].map((d) => new Date(started.getTime() + d * 86_400_000).toISOString().slice(0, 10));
  const ids = new Map<string, string>();
  let out = text
    .split(tmpDir)
    .join('<tmp>')
    .replace(RANDOM_ID, (id) => {
      if (!ids.has(id)) ids.set(id, `<id:${ids.size + 1}>`);
      return ids.get(id)!;
    });
  for (const day of days) out = out.split(addDays(day, DAYS_AHEAD)).join('<last-day>');
  for (const day of days) {
    // A report names the last file loaded and when, formatted for its language ("Dec 5, 2026 08:19", "2026年12月5日 08:19").
    for (const lang of ['en', 'zh'] as const) out = out.replace(new RegExp(`${formatDay(lang, day)} \\d{2}:\\d{2}`, 'g'), '<now>');
    out = out
      .replace(new RegExp(`${day}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})?`, 'g'), '<now>')
      .split(day)
      .join('<today>');
  }
  // A schedule's next run depends on the clock.
  out = out.replace(/"nextRuns":\{[^}]*\}/g, (runs) => runs.replace(/"\d{4}-\d{2}-\d{2}T[\d:.]+Z"/g, '"<next-run>"'));
  // The digests of report files change with that time; the files' text is recorded where it is fetched.
  out = out.replace(/"sha256":"[0-9a-f]{64}"/g, '"sha256":"<sha256>"');
  return out.replace(DURATION, (field) => field.replace(/:\d+(\.\d+)?/g, ':<duration>'));
}

const render = (x: Exchange): string => `### ${x.method} ${x.url}\nstatus: ${x.status}\ncontent-type: ${x.type}\n${x.body}\n`;

/** Runs the whole record and returns it as text, one section per request in a fixed order. */
export async function apiSnapshot({ ruleVersions, progress = () => {} }: SnapshotOptions): Promise<string> {
  const started = new Date();
  progress(`loading ${PLAYERS} simulated players through the ingester`);
  const rig = await startApi(loadGame);
  const log: Exchange[] = [];
  const send = async (method: string, url: string, body?: unknown): Promise<Exchange> => {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const t = Date.now();
    const res = await rig.fetch(`${rig.base}${url}`, init);
    if (Date.now() - t > 2000) progress(`slow: ${Date.now() - t} ms for ${method} ${url}`);
    const x = { method, url, status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
    log.push(x);
    return x;
  };
  const get = (url: string) => send('GET', url);
  const json = (x: Exchange) => JSON.parse(x.body);
  /** Sends requests at once and records them by status then body, as their arrival order is not fixed. */
  const together = async (reqs: [string, string, unknown][]): Promise<void> => {
    const at = log.length;
    await Promise.all(reqs.map(([method, url, body]) => send(method, url, body)));
    log.splice(at, reqs.length, ...log.slice(at).sort((a, b) => a.status - b.status || (a.body < b.body ? -1 : a.body > b.body ? 1 : 0)));
  };
  try {
    const rulesApplied = () => rulesRecompute(rig.engine.db).settled();
    await requests({ send, get, json, together, progress, dir: rig.engine.dir, ruleVersions, rulesApplied });
  } finally {
    await rig.close().catch(() => {});
  }
  progress(`${log.length} requests recorded`);
  return normalise(log.map(render).join('\n'), rig.engine.dir, started);
}
