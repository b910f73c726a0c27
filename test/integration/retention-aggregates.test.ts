import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeQuery } from '../../contract/overview.ts';
import { rows } from '../../server/db/query.ts';
import { addDays } from '../../server/days.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { dailySeries } from '../../server/queries/overview/daily.ts';
import { storedDailySeries } from '../../server/queries/overview/storedDaily.ts';
import { serverFacts } from '../../server/queries/offers/serverFacts.ts';
import { storedServerFacts } from '../../server/queries/offers/storedServerFacts.ts';
import { cohortSizes } from '../../server/queries/retention/cohortSizes.ts';
import { cumulativeRevenue } from '../../server/queries/retention/cumulativeRevenue.ts';
import type { CohortFilter } from '../../server/queries/retention/filter.ts';
import { filterOptions } from '../../server/queries/retention/filterOptions.ts';
import { retainedPlayers } from '../../server/queries/retention/retainedPlayers.ts';
import { storedCohortSizes } from '../../server/queries/retention/storedCohortSizes.ts';
import { storedFilterOptions } from '../../server/queries/retention/storedFilterOptions.ts';
import { storedRetained } from '../../server/queries/retention/storedRetained.ts';
import { storedRevenue } from '../../server/queries/retention/storedRevenue.ts';
import { setSetting } from '../../server/queries/settings/appSettings.ts';
import { cohortAggregatesReady, READY_KEY, storedOrLive } from '../../server/retention/aggregatesReady.ts';
import { refreshCohortAggregates } from '../../server/retention/refreshAggregates.ts';
import { MAX_N } from '../../server/retention/retention.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';

/**
 * Every answer the stored pre-aggregates give (sql/028) against the live
 * computation over the rollups, on a generated game: 90 players over 120 days
 * on three servers, platforms and channels (some empty), refunds among the
 * payments, players whose first event is a payment (no platform). Then a second
 * ingest adds a late day in the past: new players on it, players whose first
 * day moves back to it, and a payment-first player whose later session gives
 * an old cohort a platform; the refresh recomputes only from that day (and the
 * changed cohort) and every answer must still equal the live one, and the
 * tables a full fill from scratch.
 */
const START = '2026-02-02'; // a Monday
const DAYS = 120;
const PLAYERS = 90;
const SERVERS = ['s1', 's2', 's3'];
const PLATFORMS = ['ios', 'android', 'pc', ''];
const CHANNELS = ['organic', 'ads', ''];

// A fixed pseudo-random sequence, so the game is the same on every run.
let seed = 7;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:15:00Z`;

function game(): { sessions: object[]; payments: object[] } {
  const sessions: object[] = [];
  const payments: object[] = [];
  for (let p = 0; p < PLAYERS; p++) {
    const player = `P${p}`;
    // The payers-only and a few others start in the first days, more than 90 days before the late day.
    const first = p % 7 === 0 ? p % 10 : p % 11 === 0 ? p % 4 : Math.floor(rand() * 110);
    const attrs = { server_id: SERVERS[p % 3], platform: PLATFORMS[p % 4], channel: CHANNELS[p % 3] };
    const stay = 0.2 + rand() * 0.7;
    // Every fifth player starts with a payment an hour before any session; every seventh pays only, on its first day.
    if (p % 5 === 0 || p % 7 === 0)
      payments.push(payment(`m${p}-0`, player, at(addDays(START, first), 1), '4.99', { server_id: attrs.server_id, channel: 'store' }));
    if (p % 7 === 0) continue;
    for (let d = first; d < DAYS; d++) {
      if (d > first && rand() > stay) continue;
      const day = addDays(START, d);
      sessions.push(session(`s${p}-${d}`, player, at(day, 2 + (d % 20)), { ...attrs, server_id: rand() < 0.1 ? 's9' : attrs.server_id }));
      if (rand() < 0.15)
        payments.push(
          payment(`m${p}-${d}`, player, at(day, 23), rand() < 0.2 ? '-1.50' : (1 + Math.floor(rand() * 900) / 100).toFixed(2), { server_id: attrs.server_id }),
        );
    }
  }
  return { sessions, payments };
}

/** The late day in the past of the second ingest. */
const LATE = addDays(START, 100);

function lateDay(): { sessions: object[]; payments: object[] } {
  const sessions: object[] = [];
  const payments: object[] = [];
  for (let p = 0; p < 30; p++) sessions.push(session(`late${p}`, `P${p * 3}`, at(LATE, 5), { server_id: 's2', platform: 'android', channel: 'late' }));
  for (let p = 0; p < 6; p++) {
    sessions.push(session(`new${p}`, `N${p}`, at(LATE, 6), { server_id: SERVERS[p % 3], platform: 'pc', channel: 'ads' }));
    sessions.push(session(`new${p}-b`, `N${p}`, at(addDays(LATE, 1 + p), 6), { server_id: SERVERS[p % 3], platform: 'pc', channel: 'ads' }));
    payments.push(payment(`newm${p}`, `N${p}`, at(LATE, 7), '2.50', { server_id: SERVERS[p % 3] }));
  }
  // P7 and P14 paid only, more than 90 days before LATE: a session after it gives their old cohorts a platform.
  sessions.push(session('late-p7', 'P7', at(addDays(LATE, 5), 9), { server_id: 's1', platform: 'pc', channel: 'organic' }));
  sessions.push(session('late-p14', 'P14', at(addDays(LATE, 4), 9), { server_id: 's3', platform: 'ios' }));
  return { sessions, payments };
}

let engine: TestEngine;

async function ingest(name: string, files: { sessions: object[]; payments: object[] }) {
  const dir = path.join(engine.dir, name);
  writeNdjson(dir, `sessions_${name}.ndjson`, files.sessions);
  writeNdjson(dir, `payments_${name}.ndjson`, files.payments);
  await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
}

const servers = ['', ...SERVERS, 's9'];
const filters = (wmode: 0 | 1): CohortFilter[] => {
  const all: CohortFilter = { from: START, to: addDays(START, DAYS - 1), server: '', platform: '', channel: '', wmode };
  return [
    all,
    { ...all, from: addDays(START, 5), to: addDays(START, 20) },
    { ...all, server: 's2' },
    { ...all, server: 's1', platform: 'pc' },
    { ...all, platform: 'ios', channel: 'organic' },
    { ...all, platform: 'pc' },
    { ...all, channel: 'store' },
    { ...all, channel: 'late' },
    { ...all, server: 'nowhere' },
  ];
};

/** Week cohorts are asked for whole weeks (the route widens ranges so). */
const weekRange = (f: CohortFilter): CohortFilter => {
  const weekStart = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() - (f.wmode === 1 ? 1 : 0) + 7) % 7));
  return { ...f, from: weekStart(f.from), to: addDays(weekStart(f.to), 6) };
};

async function expectStoredEqualsLive() {
  expect(await cohortAggregatesReady(engine.db)).toBe(true);
  const { db } = engine;
  let compared = 0;
  for (const wmode of [1, 0] as const)
    for (const grain of ['day', 'week'] as const)
      for (const base of filters(wmode)) {
        const f = grain === 'week' ? weekRange(base) : base;
        const label = `${grain} ${JSON.stringify(f)}`;
        expect(await storedCohortSizes(db, grain, f), label).toEqual(await cohortSizes(db, grain, f));
        for (const mode of ['classic', 'unbounded'] as const)
          expect(await storedRetained(db, grain, mode, MAX_N[grain], f), `${mode} ${label}`).toEqual(await retainedPlayers(db, grain, mode, MAX_N[grain], f));
        expect(await storedRevenue(db, grain, MAX_N[grain], f), `ltv ${label}`).toEqual(await cumulativeRevenue(db, grain, MAX_N[grain], f));
        compared++;
      }
  expect(await storedFilterOptions(db)).toEqual(await filterOptions(db));
  for (const server of servers)
    for (const [from, to] of [
      [START, addDays(START, DAYS + 3)],
      [addDays(START, -3), addDays(START, 9)],
      [LATE, LATE],
    ]) {
      const q: RangeQuery = { from, to, server };
      expect(await storedDailySeries(db, q), JSON.stringify(q)).toEqual(await dailySeries(db, q));
    }
  // The win-back planner's server facts (age, active trend) read the same per-day, per-server rows.
  for (const [asOf, days] of [
    [addDays(START, DAYS + 3), 14],
    [addDays(START, 10), 3],
    [LATE, 7],
  ] as const)
    expect(await storedServerFacts(db, asOf, days), `server facts ${asOf}`).toEqual(await serverFacts(db, asOf, days));
  return compared;
}

/** Every stored row, in a stable order, to compare an incremental refresh with a full fill. */
async function storedTables() {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of [
    ['cohort_members', 'player_id'],
    ['cohort_day_cells', 'cohort, day, server, platform, channel'],
    ['cohort_week_cells', 'wmode, cohort, week, server, platform, channel'],
    ['overview_daily', 'day, total, server_id'],
  ] as const)
    out[table] = await rows(engine.db, `SELECT * FROM ${table} ORDER BY ${order}`);
  return out;
}

beforeAll(async () => {
  engine = await freshEngine();
  await ingest('game', game());
}, 120_000);
afterAll(async () => {
  await engine?.cleanup();
});

describe('retention and Overview pre-aggregates', () => {
  it('answer every grain, mode and filter exactly as the live queries after the first ingest', async () => {
    const sizes = await cohortSizes(engine.db, 'day', filters(1)[0]);
    expect(sizes.length).toBeGreaterThan(30); // sanity: the game has the cohorts the comparisons read
    expect(await expectStoredEqualsLive()).toBe(36);
  }, 120_000);

  it('after a late day in the past, refresh only from that day (and the cohorts whose start changed) and still answer exactly', async () => {
    const firstDays = await rows<{ day: string }>(
      engine.db,
      `SELECT toString(first_day) AS day FROM cohort_members WHERE player_id IN ('P7', 'P14') ORDER BY day`,
    );
    expect(firstDays.every((d) => d.day < addDays(LATE, -90))).toBe(true);
    const dir = path.join(engine.dir, 'late');
    const late = lateDay();
    writeNdjson(dir, 'sessions_late.ndjson', late.sessions);
    writeNdjson(dir, 'payments_late.ndjson', late.payments);
    await engine.ingester.run({ paths: [dir], source: 'cli' });
    expect(await cohortAggregatesReady(engine.db)).toBe(true); // not yet told: the live answers differ until the refresh
    // Players who started with an empty platform or channel take the late day's values: their old cohorts are recomputed whole.
    const refresh = await refreshCohortAggregates(engine.db);
    expect([refresh.kind, refresh.from]).toEqual(['days', LATE]);
    expect(refresh.changed).toEqual(expect.arrayContaining(firstDays.map((d) => d.day)));
    expect(refresh.changed?.every((d) => d < LATE)).toBe(true);
    expect(await refreshCohortAggregates(engine.db)).toEqual({ kind: 'none' });
    await expectStoredEqualsLive();
    const members = await rows<{ player_id: string; platform: string; first_day: string }>(
      engine.db,
      `SELECT player_id, toString(platform) AS platform, toString(first_day) AS first_day FROM cohort_members WHERE player_id IN ('P7', 'P14', 'N0') ORDER BY player_id`,
    );
    expect(members.map((m) => [m.player_id, m.platform])).toEqual([
      ['N0', 'pc'],
      ['P14', 'ios'],
      ['P7', 'pc'],
    ]);
    expect(members[0].first_day).toBe(LATE);
  }, 120_000);

  it('hold what a full fill from scratch holds, which readers do not use until it is complete', async () => {
    const incremental = await storedTables();
    await setSetting(engine.db, READY_KEY, '');
    expect(await cohortAggregatesReady(engine.db)).toBe(false);
    expect(await refreshCohortAggregates(engine.db)).toEqual({ kind: 'full' });
    expect(await cohortAggregatesReady(engine.db)).toBe(true);
    expect(await storedTables()).toEqual(incremental);
  }, 120_000);

  it('answer live when a refresh began or ended while the stored answer was read', async () => {
    const { db } = engine;
    const read = (during: () => Promise<void>) =>
      storedOrLive(
        db,
        async () => {
          await during();
          return 'stored';
        },
        async () => 'live',
      );
    expect(await read(async () => {})).toBe('stored');
    expect(await read(() => setSetting(db, READY_KEY, '2000-01-01T00:00:00.000Z'))).toBe('live'); // a refresh ended meanwhile
    expect(await read(() => setSetting(db, READY_KEY, ''))).toBe('live'); // one began
    expect(await read(async () => {})).toBe('live');
    expect(await refreshCohortAggregates(db)).toEqual({ kind: 'full' });
    expect(await read(async () => {})).toBe('stored');
  }, 120_000);
});
