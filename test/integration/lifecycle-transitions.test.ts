import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobTable } from '../../jobs/schedule.ts';
import { one } from '../../server/db/query.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import type { TestEngine } from '../helpers/engine.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { session, writeNdjson } from '../helpers/files.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';
import { capturingLogger } from '../helpers/logger.ts';

/**
 * Stage transitions of the fixture in test/helpers/lifecycleFixture.ts (its
 * stages on 2026-03-31 are worked out there) from 2026-03-24, the default "a
 * week before". On 03-24: R = 03-11..03-24, P = 02-25..03-10.
 *
 * | player | on 03-24                                                        | on 03-31           | flow                   |
 * |--------|-----------------------------------------------------------------|--------------------|------------------------|
 * | A      | not seen yet (first day 03-25)                                   | exploration        | new -> exploration     |
 * | B      | tenure 16 < 30, 1 paying day, spend 2 < 10: exploration          | exploration        | exploration -> same    |
 * | C      | tenure 51, idle 4, act R 1, P 0, no spend: stable                | decline (leaving)  | stable -> decline      |
 * | D      | idle 32: decline (lapsed)                                        | decline (lapsed)   | decline -> decline     |
 * | E      | last 03-12, idle 12: decline                                     | decline            | decline -> decline     |
 * | F      | last 03-14, idle 10: decline                                     | decline            | decline -> decline     |
 * | G      | idle 10: decline                                                 | growth             | decline -> growth      |
 * | H      | last 03-17, idle 7 (>= 7): decline                               | growth             | decline -> growth      |
 * | I      | idle 10: decline                                                 | growth             | decline -> growth      |
 * | J      | idle 10: decline                                                 | stable             | decline -> stable      |
 * | K      | tenure 19 < 30, 2 paying days, spend 2 < 10: exploration         | decline            | exploration -> decline |
 *
 * Revenue carried = lifetime spend on 03-31 (B 2, F 120, G 30, I 15, K 3); recent = spend in
 * 03-18..03-31 (F 20, G 20, I 15, K 1).
 */
let rig: ApiRig;
let engine: TestEngine;
let base: string;
const get = (p: string) => rig.get(p);

beforeAll(async () => {
  rig = await startApi(loadLifecycleFixture);
  ({ engine, base } = rig);
});
afterAll(() => rig?.close());

const flow = (from: string, to: string, players: number, lifetimeSpend: string, recentSpend: string) => ({ from, to, players, lifetimeSpend, recentSpend });

describe('stage history and transitions', () => {
  it('snapshots every player on every day from the first to the last day with data', async () => {
    const r = await one<{ days: number; first: string; last: string; rows31: number; rows24: number }>(
      engine.db,
      `SELECT uniqExact(day) AS days, toString(min(day)) AS first, toString(max(day)) AS last,
              countIf(day = '2026-03-31') AS rows31, countIf(day = '2026-03-24') AS rows24 FROM player_stage_daily`,
    );
    // 2026-01-01 (D's first day) .. 2026-03-31 = 90 days; A is first seen on 03-25.
    expect(r).toEqual({ days: 90, first: '2026-01-01', last: '2026-03-31', rows31: 11, rows24: 10 });
  });

  it('gives the week-over-week matrix with players and revenue per flow', async () => {
    const { status, body } = await get('/api/lifecycle/transitions');
    expect(status).toBe(200);
    expect([body.from, body.to, body.server]).toEqual(['2026-03-24', '2026-03-31', '']);
    expect(body.snapshots).toEqual({ first: '2026-01-01', last: '2026-03-31' });
    expect(body.flows).toEqual([
      flow('decline', 'decline', 3, '120', '20'),
      flow('decline', 'growth', 3, '45', '35'),
      flow('decline', 'stable', 1, '0', '0'),
      flow('exploration', 'decline', 1, '3', '1'),
      flow('exploration', 'exploration', 1, '2', '0'),
      flow('new', 'exploration', 1, '0', '0'),
      flow('stable', 'decline', 1, '0', '0'),
    ]);
  });

  it('lists the players of one flow, biggest spenders first, paged', async () => {
    const { body } = await get('/api/lifecycle/flow?fromStage=decline&toStage=growth');
    expect(body.total).toBe(3);
    expect(body.players).toEqual([
      { playerId: 'G', serverId: 's01', tier: 'minnow', lifetimeSpend: '30', recentSpend: '20', idleDays: 0 },
      { playerId: 'I', serverId: 's01', tier: 'minnow', lifetimeSpend: '15', recentSpend: '15', idleDays: 0 },
      { playerId: 'H', serverId: 's01', tier: 'non_payer', lifetimeSpend: '0', recentSpend: '0', idleDays: 0 },
    ]);
    const page2 = await get('/api/lifecycle/flow?fromStage=decline&toStage=growth&limit=2&offset=2');
    expect([page2.body.total, page2.body.players.map((p: any) => p.playerId)]).toEqual([3, ['H']]);
    const smallestFirst = await get('/api/lifecycle/flow?fromStage=decline&toStage=growth&order=asc');
    expect([smallestFirst.body.order, smallestFirst.body.players.map((p: any) => [p.playerId, p.lifetimeSpend])]).toEqual([
      'asc',
      [
        ['H', '0'],
        ['I', '15'],
        ['G', '30'],
      ],
    ]);
  });

  it('filters by server and refuses bad input with a message', async () => {
    expect((await get('/api/lifecycle/transitions?server=s02')).body.flows).toEqual([]);
    const bad = [
      ['/api/lifecycle/transitions?from=2026-03-31&to=2026-03-24', /must be before/],
      ['/api/lifecycle/transitions?to=2026-02-30', /YYYY-MM-DD/],
      ['/api/lifecycle/flow?fromStage=decline&toStage=nowhere', /toStage must be one of/],
      ['/api/lifecycle/flow?toStage=growth', /fromStage is required/],
      ['/api/lifecycle/flow?fromStage=new&toStage=growth&order=spend', /order must be one of desc, asc/],
      ['/api/lifecycle/flow?fromStage=new&toStage=growth&limit=9999', /limit must be a whole number from 1 to 500/],
    ] as const;
    for (const [url, msg] of bad) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.body.error).toMatch(msg);
    }
  });

  /**
   * A late session of J on 03-22 re-snapshots 03-22..03-31. J on 03-24: idle 2, act R 5
   * (03-11..03-14, 03-22), act P 1 (03-10): 5 >= 4 and >= 1.25 x 1: growth. On 03-31:
   * act R 6 (03-22, 03-27..03-31), act P 5 (03-10..03-14): neither 6 <= 2.5 nor 6 >= 6.25: stable.
   */
  it('re-snapshots the days after a late event', async () => {
    const dir = path.join(engine.dir, 'late');
    writeNdjson(dir, 'sessions_late.ndjson', [session('late-J', 'J', '2026-03-22T12:00:00Z')]);
    await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
    const { body } = await get('/api/lifecycle/transitions');
    expect(body.flows).toContainEqual(flow('growth', 'stable', 1, '0', '0'));
    expect(body.flows.find((f: any) => f.from === 'decline' && f.to === 'stable')).toBeUndefined();
    // The day's latest computation holds J once; older computations are cleared in the background.
    const j = await one<{ n: number; stage: string }>(
      engine.db,
      `SELECT count() AS n, any(stage) AS stage FROM player_stage_daily
       WHERE player_id = 'J' AND day = '2026-03-24'
         AND computed_at = (SELECT max(computed_at) FROM player_stage_daily WHERE day = '2026-03-24')`,
    );
    expect([Number(j?.n), j?.stage]).toEqual([1, 'growth']);
  });

  it('backfills a range of days through the API, clamped to the days with data', async () => {
    const post = async (body: object) => {
      const res = await rig.fetch(`${base}/api/lifecycle/backfill`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const ok = await post({ from: '2026-03-30', to: '2026-04-30' });
    expect([ok.status, ok.body.from, ok.body.to, ok.body.days]).toEqual([200, '2026-03-30', '2026-03-31', 2]);
    expect((await post({ from: '2026-3-1' })).body.error).toMatch(/YYYY-MM-DD/);
    const outside = await post({ from: '2026-05-01' });
    expect([outside.status, outside.body.error]).toEqual([400, expect.stringMatching(/outside the days with data \(2026-01-01\.\.2026-03-31\)/)]);
    // The snapshots are unchanged by a re-computation.
    expect((await get('/api/lifecycle/transitions')).body.flows).toContainEqual(flow('decline', 'growth', 3, '45', '35'));
  });

  it('has a daily job that re-snapshots only the latest day with data, under the active rules version', async () => {
    const job = jobTable(engine.cfg).find((j) => j.name === 'stages-daily');
    expect(job?.cron).toBe('10 0 * * *');
    const latest = (day: string) =>
      one<{ at: string; n: number; version: number }>(
        engine.db,
        `SELECT toString(max(computed_at)) AS at, countIf(computed_at = (SELECT max(computed_at) FROM player_stage_daily WHERE day = {day:Date})) AS n,
                max(config_version) AS version
         FROM player_stage_daily WHERE day = {day:Date}`,
        { day },
      );
    const [before31, before30] = [await latest('2026-03-31'), await latest('2026-03-30')];
    const logs: string[] = [];
    await job!.run({ ...engine, log: capturingLogger(logs) });
    const [after31, after30] = [await latest('2026-03-31'), await latest('2026-03-30')];
    expect(logs).toEqual(["stages-daily: snapshotted every player's stage on 2026-03-31"]);
    expect(after31!.at > before31!.at).toBe(true);
    expect([after31!.n, after31!.version]).toEqual([11, 1]);
    expect(after30).toEqual(before30);
    expect((await get('/api/lifecycle/transitions')).body.flows).toContainEqual(flow('decline', 'growth', 3, '45', '35'));
  });
});
