import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { retainedPlayers } from '../../server/queries/retention/retainedPlayers.ts';
import type { TestEngine } from '../helpers/engine.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';

/**
 * Cohorts in a UTC+8 game (GAME_TZ=Asia/Shanghai, weeks from Monday). 2026-03-01
 * is a Sunday. Local day = UTC time + 8 h; several events fall on another local
 * day than their UTC day, and the numbers below hold only for local days.
 *
 * | player | server, platform | event (UTC)              | local day | note                          |
 * |--------|------------------|--------------------------|-----------|-------------------------------|
 * | P1     | s01, ios         | session 03-01T17:30Z     | 03-02     | first day 03-02 (UTC: 03-01)  |
 * |        |                  | session 03-02T20:00Z     | 03-03     | D1                            |
 * |        |                  | session 03-09T02:00Z     | 03-09     | D7                            |
 * | P2     | s01, android     | session 03-02T03:00Z     | 03-02     | first day 03-02               |
 * |        |                  | payment 03-02T04:00Z 9.99| 03-02     | revenue n0                    |
 * |        |                  | payment 03-02T17:00Z 5.00| 03-03     | revenue n1 (UTC: n0)          |
 * |        |                  | session 03-04T10:00Z     | 03-04     | D2                            |
 * | P3     | s01, ios         | session 03-02T16:00Z     | 03-03     | first day 03-03 (UTC: 03-02)  |
 * |        |                  | session 03-03T16:30Z     | 03-04     | D1                            |
 * |        |                  | session 03-10T01:00Z     | 03-10     | D7, the last day with data    |
 * | P4     | s02, android     | session 03-07T23:00Z     | 03-08 Sun | first day 03-08 (UTC: 03-07 Sat) |
 * |        |                  | session 03-09T01:00Z     | 03-09     | D1                            |
 *
 * Daily cohorts (sizes 03-02: 2, 03-03: 1, 03-08: 1); periods after 03-10 are null:
 * | cohort | classic D0..                              | unbounded D0..                       |
 * |--------|-------------------------------------------|--------------------------------------|
 * | 03-02  | 2 1 1 0 0 0 0 1 0, D9+ null               | 2 2 2 1 1 1 1 1 0, D9+ null          |
 * | 03-03  | 1 1 0 0 0 0 0 1, D8+ null                 | 1 1 1 1 1 1 1 1, D8+ null            |
 * | 03-08  | 1 1 0, D3+ null                           | 1 1 0, D3+ null                      |
 * Weekly, Monday weeks: cohort 03-02 (03-02..03-08) = P1 P2 P3 P4, size 4; W0 4, W1 (03-09..) 3 (P1 P3 P4), W2+ null.
 * Weekly, Sunday weeks: 03-01 = P1 P2 P3, W0 3, W1 (03-08..) 2 (P1 P3); 03-08 = P4, W0 1.
 * LTV of cohort 03-02 (size 2): n0 9.99 / 2 = 4.995; n1 (9.99 + 5) / 2 = 7.495, the same through n8.
 */
let rig: ApiRig;
let engine: TestEngine;
const get = (p: string) => rig.get(p);

beforeAll(async () => {
  rig = await startApi(async (engine) => {
    const dir = path.join(engine.dir, 'fixture');
    const s = (id: string, player: string, start: string, server: string, platform: string) => session(id, player, start, { server_id: server, platform, channel: 'organic' });
    writeNdjson(dir, 'sessions_cohorts.ndjson', [
      s('a1', 'P1', '2026-03-01T17:30:00Z', 's01', 'ios'),
      s('a2', 'P1', '2026-03-02T20:00:00Z', 's01', 'ios'),
      s('a3', 'P1', '2026-03-09T02:00:00Z', 's01', 'ios'),
      s('b1', 'P2', '2026-03-02T03:00:00Z', 's01', 'android'),
      s('b2', 'P2', '2026-03-04T10:00:00Z', 's01', 'android'),
      s('c1', 'P3', '2026-03-02T16:00:00Z', 's01', 'ios'),
      s('c2', 'P3', '2026-03-03T16:30:00Z', 's01', 'ios'),
      s('c3', 'P3', '2026-03-10T01:00:00Z', 's01', 'ios'),
      s('d1', 'P4', '2026-03-07T23:00:00Z', 's02', 'android'),
      s('d2', 'P4', '2026-03-09T01:00:00Z', 's02', 'android'),
    ]);
    writeNdjson(dir, 'payments_cohorts.ndjson', [payment('m1', 'P2', '2026-03-02T04:00:00Z', '9.99'), payment('m2', 'P2', '2026-03-02T17:00:00Z', '5.00')]);
    await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
  }, { GAME_TZ: 'Asia/Shanghai' });
  ({ engine } = rig);
});
afterAll(() => rig?.close());

const N = null;
const pad = (values: (number | null)[], len: number) => [...values, ...Array(len - values.length).fill(null)];

describe('retention cohorts in a UTC+8 game', () => {
  it('gives daily classic retention by local day, empty after the last day with data', async () => {
    const { status, body } = await get('/api/retention?from=2026-03-01&to=2026-03-10');
    expect(status).toBe(200);
    expect([body.grain, body.mode, body.lastDay, body.periods]).toEqual(['day', 'classic', '2026-03-10', 31]);
    expect(body.cohorts.map((c: any) => [c.cohort, c.size, c.players])).toEqual([
      ['2026-03-02', 2, pad([2, 1, 1, 0, 0, 0, 0, 1, 0], 31)],
      ['2026-03-03', 1, pad([1, 1, 0, 0, 0, 0, 0, 1], 31)],
      ['2026-03-08', 1, pad([1, 1, 0], 31)],
    ]);
    expect(body.cohorts[0].rates.slice(0, 3)).toEqual([1, 0.5, 0.5]);
    expect(body.cohorts[0].rates[9]).toBe(N);
  });

  it('gives unbounded ("on or after") retention', async () => {
    const { body } = await get('/api/retention?from=2026-03-01&to=2026-03-10&mode=unbounded');
    expect(body.cohorts.map((c: any) => c.players)).toEqual([
      pad([2, 2, 2, 1, 1, 1, 1, 1, 0], 31),
      pad([1, 1, 1, 1, 1, 1, 1, 1], 31),
      pad([1, 1, 0], 31),
    ]);
  });

  it('groups weekly cohorts by the configured week start (Monday here)', async () => {
    const { body } = await get('/api/retention?grain=week&from=2026-03-02&to=2026-03-10');
    expect([body.from, body.to]).toEqual(['2026-03-02', '2026-03-15']);
    expect(body.cohorts.map((c: any) => [c.cohort, c.size, c.players.slice(0, 3)])).toEqual([['2026-03-02', 4, [4, 3, N]]]);
    expect(body.cohorts[0].players).toHaveLength(13);
  });

  it('puts Sunday-started weeks where the Sunday mode says', async () => {
    const f = { from: '2026-03-01', to: '2026-03-14', server: '', platform: '', channel: '', wmode: 0 as const };
    const cells = await retainedPlayers(engine.db, 'week', 'classic', 12, f);
    expect(cells).toEqual([
      { cohort: '2026-03-01', n: 0, players: 3 },
      { cohort: '2026-03-01', n: 1, players: 2 },
      { cohort: '2026-03-08', n: 0, players: 1 },
    ]);
  });

  it('filters cohorts by starting server and platform', async () => {
    const ios = await get('/api/retention?from=2026-03-01&to=2026-03-10&platform=ios');
    expect(ios.body.cohorts.map((c: any) => [c.cohort, c.size, c.players.slice(0, 2)])).toEqual([
      ['2026-03-02', 1, [1, 1]],
      ['2026-03-03', 1, [1, 1]],
    ]);
    const s02 = await get('/api/retention?from=2026-03-01&to=2026-03-10&server=s02');
    expect(s02.body.cohorts.map((c: any) => c.cohort)).toEqual(['2026-03-08']);
    expect((await get('/api/retention/filters')).body).toEqual({ platforms: ['android', 'ios'], channels: ['organic'] });
  });

  it('gives the revenue LTV triangle per cohort member, in local days', async () => {
    const { body } = await get('/api/retention/ltv?from=2026-03-02&to=2026-03-02');
    expect(body.currency).toBe('USD');
    expect(body.cohorts).toHaveLength(1);
    const ltv = body.cohorts[0].ltv;
    expect([body.cohorts[0].size, ltv[0], ltv[1], ltv[8], ltv[9]]).toEqual([2, '4.995', '7.495', '7.495', N]);
  });

  it('exports the matrix as CSV', async () => {
    const { status, type, body } = await get('/api/retention.csv?from=2026-03-01&to=2026-03-10');
    expect([status, type]).toEqual([200, 'text/csv; charset=utf-8']);
    const lines = body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(['cohort', 'size', ...Array.from({ length: 31 }, (_, n) => `D${n}`)].join(','));
    expect(lines[1].split(',').slice(0, 6)).toEqual(['2026-03-02', '2', '100.00', '50.00', '50.00', '0.00']);
    expect(lines[3].split(',').slice(0, 6)).toEqual(['2026-03-08', '1', '100.00', '100.00', '0.00', '']);
  });

  it('refuses bad parameters with a message', async () => {
    for (const [url, msg] of [
      ['/api/retention?grain=month', /grain must be one of day, week/],
      ['/api/retention?mode=forever', /mode must be one of classic, unbounded/],
      ['/api/retention?from=2025-01-01&to=2026-03-10', /at most 90 daily cohorts/],
      ['/api/retention?platform=%3Dcmd()', /platform must be a plain name/],
      ['/api/retention?from=2026-03-10&to=2026-03-01', /after/],
    ] as const) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.body.error).toMatch(msg);
    }
  });

  it('counts stage tenure and idle days in local days too', async () => {
    // As of 03-10 (local): P1 first seen 03-02 local (03-01 in UTC), last 03-09: tenure 8, idle 1 (UTC days would say 9).
    // P3 first seen 03-03 local (03-02 in UTC): tenure 7. Both are still exploring (tenure < 14).
    const p1 = (await get('/api/players/P1')).body;
    const p3 = (await get('/api/players/P3')).body;
    expect([p1.firstDay, p1.now.tenureDays, p1.now.idleDays, p1.now.stage]).toEqual(['2026-03-02', 8, 1, 'exploration']);
    expect([p3.firstDay, p3.now.tenureDays, p3.now.idleDays]).toEqual(['2026-03-03', 7, 0]);
  });
});
