import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadMigrations } from '../../server/db/migrate.ts';
import { exec, rows } from '../../server/db/query.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import type { TestEngine } from '../helpers/engine.ts';
import { startApi, stopListening, type ApiRig } from '../helpers/api.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';
import { csvParts } from '../helpers/csv.ts';

/**
 * Cohorts in a UTC+8 game (GAME_TZ=Asia/Shanghai, weeks from Monday; a second
 * app on the same data has weeks from Sunday). 2026-03-01 and 03-08 are Sundays.
 * Local day = UTC time + 8 h; several events fall on another local day than
 * their UTC day, and the numbers below hold only for local days.
 *
 * | player | server, platform, channel | event (UTC)                | local day | note                          |
 * |--------|---------------------------|----------------------------|-----------|-------------------------------|
 * | P1     | s01, ios, organic         | session 03-01T17:30Z       | 03-02     | first day 03-02 (UTC: 03-01)  |
 * |        |                           | session 03-02T20:00Z       | 03-03     | D1                            |
 * |        |                           | session 03-09T02:00Z       | 03-09     | D7                            |
 * | P2     | s01, android, organic     | session 03-02T03:00Z       | 03-02     | first day 03-02               |
 * |        |                           | payment 03-02T04:00Z 9.99  | 03-02     | revenue n0                    |
 * |        |                           | payment 03-02T17:00Z 5.00  | 03-03     | revenue n1 (UTC: n0)          |
 * |        |                           | session 03-04T10:00Z       | 03-04     | D2                            |
 * | P3     | s01, ios, organic         | session 03-02T16:00Z       | 03-03     | first day 03-03 (UTC: 03-02)  |
 * |        |                           | session 03-03T16:30Z       | 03-04     | D1                            |
 * |        |                           | session 03-10T01:00Z       | 03-10     | D7, the last day with data    |
 * | P4     | s02, android, organic     | session 03-07T23:00Z       | 03-08 Sun | first day 03-08 (UTC: 03-07 Sat) |
 * |        |                           | session 03-09T01:00Z       | 03-09     | D1                            |
 * | P5     | s03 (payment), pc, taptap | payment 03-05T01:00Z 3.00, s03, channel taptap | 03-05 | first event: server s03, channel taptap |
 * |        |                           | session 03-05T02:00Z s01, pc, no channel       | 03-05 | platform pc (payments carry none) |
 * |        |                           | session 03-06T03:00Z s01, pc                   | 03-06 | D1                            |
 * | P6     | s02, android, "=1+2"      | session 03-06T05:00Z       | 03-06     | a channel that looks like a formula |
 *
 * Daily cohorts 03-01..03-10 (sizes 03-02: 2, 03-03: 1, 03-05: 1, 03-06: 1, 03-08: 1); periods after 03-10 are null:
 * | cohort | classic D0..                  | unbounded D0..                |
 * |--------|-------------------------------|-------------------------------|
 * | 03-02  | 2 1 1 0 0 0 0 1 0, D9+ null   | 2 2 2 1 1 1 1 1 0, D9+ null   |
 * | 03-03  | 1 1 0 0 0 0 0 1, D8+ null     | 1 1 1 1 1 1 1 1, D8+ null     |
 * | 03-05  | 1 1 0 0 0 0, D6+ null         | 1 1 0 0 0 0, D6+ null         |
 * | 03-06  | 1 0 0 0 0, D5+ null           | 1 0 0 0 0, D5+ null           |
 * | 03-08  | 1 1 0, D3+ null               | 1 1 0, D3+ null               |
 * Weekly, Monday weeks: cohort 03-02 (03-02..03-08) = P1..P6, size 6; W0 6, W1 (03-09..03-15) 3 (P1 P3 P4), W2+ null.
 * Weekly, Sunday weeks: 03-01 (03-01..03-07) = P1 P2 P3 P5 P6, size 5, W0 5, W1 (03-08..) 2 (P1 P3);
 *   03-08 = P4 (its Sunday first day starts a week here), size 1, W0 1, W1 (03-15) null.
 * Filters: s01 = P1 P2 P3 (P5 started on s03 by its payment); s02 = P6 P4; s03 = P5; ios = P1 P3;
 *   taptap = P5 (from its payment); "=1+2" = P6.
 * LTV daily, cohort 03-02 (size 2): n0 9.99 / 2 = 4.995; n1 (9.99 + 5) / 2 = 7.495, the same through n8; n9 null.
 *   cohort 03-05 (size 1): n0..n5 3, n6 null.
 * LTV weekly (Monday), cohort 03-02 (size 6): W0 (9.99 + 5 + 3) / 6 = 2.99833.. = 2.9983 (4 places), W1 2.9983, W2 null.
 */
let rig: ApiRig;
let engine: TestEngine;
let sundayServer: Server;
let sundayBase: string;
const get = (p: string) => rig.get(p);

beforeAll(async () => {
  rig = await startApi(
    async (engine) => {
      const dir = path.join(engine.dir, 'fixture');
      const s = (id: string, player: string, start: string, server: string, platform: string, channel = 'organic') =>
        session(id, player, start, { server_id: server, platform, channel });
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
        session('e1', 'P5', '2026-03-05T02:00:00Z', { server_id: 's01', platform: 'pc' }),
        session('e2', 'P5', '2026-03-06T03:00:00Z', { server_id: 's01', platform: 'pc' }),
        s('f1', 'P6', '2026-03-06T05:00:00Z', 's02', 'android', '=1+2'),
      ]);
      writeNdjson(dir, 'payments_cohorts.ndjson', [
        payment('m1', 'P2', '2026-03-02T04:00:00Z', '9.99'),
        payment('m2', 'P2', '2026-03-02T17:00:00Z', '5.00'),
        payment('m3', 'P5', '2026-03-05T01:00:00Z', '3.00', { server_id: 's03', channel: 'taptap' }),
      ]);
      await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
    },
    { GAME_TZ: 'Asia/Shanghai' },
  );
  ({ engine } = rig);
  sundayServer = createApp({ ...engine, cfg: { ...engine.cfg, weekStart: 7 } }).listen(0, '127.0.0.1');
  await new Promise((r) => sundayServer.once('listening', r));
  sundayBase = `http://127.0.0.1:${(sundayServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (sundayServer) await stopListening(sundayServer);
  await rig?.close();
});

const N = null;
const pad = (values: (number | string | null)[], len: number) => [...values, ...Array(len - values.length).fill(null)];
const summary = (cohorts: any[], take = 31) => cohorts.map((c) => [c.cohort, c.size, c.players.slice(0, take)]);

describe('retention cohorts in a UTC+8 game', () => {
  it('gives daily classic retention by local day, empty after the last day with data', async () => {
    const { status, body } = await get('/api/retention?from=2026-03-01&to=2026-03-10');
    expect(status).toBe(200);
    expect([body.grain, body.mode, body.lastDay, body.periods]).toEqual(['day', 'classic', '2026-03-10', 31]);
    expect(summary(body.cohorts)).toEqual([
      ['2026-03-02', 2, pad([2, 1, 1, 0, 0, 0, 0, 1, 0], 31)],
      ['2026-03-03', 1, pad([1, 1, 0, 0, 0, 0, 0, 1], 31)],
      ['2026-03-05', 1, pad([1, 1, 0, 0, 0, 0], 31)],
      ['2026-03-06', 1, pad([1, 0, 0, 0, 0], 31)],
      ['2026-03-08', 1, pad([1, 1, 0], 31)],
    ]);
    expect(body.cohorts[0].rates.slice(0, 3)).toEqual([1, 0.5, 0.5]);
    expect([body.cohorts[0].rates[7], body.cohorts[0].rates[8], body.cohorts[0].rates[9]]).toEqual([0.5, 0, N]);
    // 03-10 is long past: every day shown is complete.
    expect(body.cohorts.map((c: any) => c.partialPeriod)).toEqual([N, N, N, N, N]);
    // Average row, pooled over the cohorts that reached the day: D1 (1 + 1 + 1 + 0 + 1) / (2 + 1 + 1 + 1 + 1) = 4/6;
    // D2 1/6; D3 0/5 (03-08's D3 is 03-11); D7 (1 + 1) / (2 + 1) = 2/3 (03-02 and 03-03 only); D8 0/2; D9 none.
    expect(body.average.slice(0, 10)).toEqual([1, 4 / 6, 1 / 6, 0, 0, 0, 0, 2 / 3, 0, N]);
  });

  it('gives unbounded ("on or after") retention', async () => {
    const { body } = await get('/api/retention?from=2026-03-01&to=2026-03-10&mode=unbounded');
    expect(body.cohorts.map((c: any) => c.players)).toEqual([
      pad([2, 2, 2, 1, 1, 1, 1, 1, 0], 31),
      pad([1, 1, 1, 1, 1, 1, 1, 1], 31),
      pad([1, 1, 0, 0, 0, 0], 31),
      pad([1, 0, 0, 0, 0], 31),
      pad([1, 1, 0], 31),
    ]);
    expect(body.cohorts[0].rates.slice(0, 2)).toEqual([1, 1]);
  });

  it('groups weekly cohorts from Monday, the configured week start', async () => {
    const { body } = await get('/api/retention?grain=week&from=2026-03-02&to=2026-03-10');
    expect([body.from, body.to, body.periods]).toEqual(['2026-03-02', '2026-03-15', 13]);
    expect(summary(body.cohorts, 3)).toEqual([['2026-03-02', 6, [6, 3, N]]]);
    expect(body.cohorts[0].players).toHaveLength(13);
    // W1 (03-09..03-15) has begun but the data end on 03-10: its 3 of 6 is partial and stays out of the average.
    expect(body.cohorts[0].partialPeriod).toBe(1);
    expect(body.average.slice(0, 3)).toEqual([1, N, N]);
  });

  it('groups weekly cohorts from Sunday with WEEK_START=sunday: the Sunday 03-08 starts a new week', async () => {
    const res = await rig.fetch(`${sundayBase}/api/retention?grain=week&from=2026-03-02&to=2026-03-10`);
    const body: any = await res.json();
    expect([body.from, body.to]).toEqual(['2026-03-01', '2026-03-14']);
    expect(summary(body.cohorts, 3)).toEqual([
      ['2026-03-01', 5, [5, 2, N]],
      ['2026-03-08', 1, [1, N, N]],
    ]);
    // 03-01's W1 (03-08..03-14) and 03-08's own W0 are still under way on 03-10.
    expect(body.cohorts.map((c: any) => c.partialPeriod)).toEqual([1, 0]);
    expect(body.average.slice(0, 2)).toEqual([1, N]);
  });

  it('puts a player in the cohorts of the server, platform and channel they started on', async () => {
    const cohorts = async (q: string) => summary((await get(`/api/retention?from=2026-03-01&to=2026-03-10&${q}`)).body.cohorts, 2);
    expect(await cohorts('platform=ios')).toEqual([
      ['2026-03-02', 1, [1, 1]],
      ['2026-03-03', 1, [1, 1]],
    ]);
    expect(await cohorts('server=s01')).toEqual([
      ['2026-03-02', 2, [2, 1]],
      ['2026-03-03', 1, [1, 1]],
    ]);
    // P5 paid on s03 before playing on s01; its session had no channel, its payment did.
    expect(await cohorts('server=s03')).toEqual([['2026-03-05', 1, [1, 1]]]);
    expect(await cohorts('channel=taptap')).toEqual([['2026-03-05', 1, [1, 1]]]);
    expect(await cohorts('server=s02&platform=android')).toEqual([
      ['2026-03-06', 1, [1, 0]],
      ['2026-03-08', 1, [1, 1]],
    ]);
    expect(await cohorts('server=s02&platform=ios')).toEqual([]);
    expect((await get('/api/retention/filters')).body).toEqual({ platforms: ['android', 'ios', 'pc'], channels: ['=1+2', 'organic', 'taptap'] });
  });

  it('gives the revenue LTV triangle per cohort member, in local days', async () => {
    const { body } = await get('/api/retention/ltv?from=2026-03-02&to=2026-03-05');
    expect(body.currency).toBe('USD');
    expect(body.cohorts.map((c: any) => [c.cohort, c.size])).toEqual([
      ['2026-03-02', 2],
      ['2026-03-03', 1],
      ['2026-03-05', 1],
    ]);
    const [c0, c1, c2] = body.cohorts.map((c: any) => c.ltv);
    expect([c0[0], c0[1], c0[8], c0[9]]).toEqual(['4.995', '7.495', '7.495', N]);
    expect(c1.slice(0, 8)).toEqual(['0', '0', '0', '0', '0', '0', '0', '0']);
    expect(c2).toEqual(pad(['3', '3', '3', '3', '3', '3'], 31));
    const weekly = (await get('/api/retention/ltv?grain=week&from=2026-03-02&to=2026-03-02')).body;
    expect(weekly.cohorts.map((c: any) => [c.cohort, c.size, c.ltv.slice(0, 3), c.partialPeriod])).toEqual([['2026-03-02', 6, ['2.9983', '2.9983', N], 1]]);
  });

  it('exports the matrix as CSV with a header row', async () => {
    const { status, type, body } = await get('/api/retention.csv?from=2026-03-01&to=2026-03-10&server=s01&header=keys');
    expect([status, type]).toEqual([200, 'text/csv; charset=utf-8']);
    const { comment, header, rows } = csvParts(body);
    expect(comment).toBe('# Filters: grain=day; mode=classic; from=2026-03-01; to=2026-03-10; server=s01');
    const lines = [header, ...rows];
    expect(lines[0]).toBe(['cohort', 'size', 'server_id', 'platform', 'channel', ...Array.from({ length: 31 }, (_, n) => `D${n}`), 'partial_period'].join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1].split(',').slice(0, 14)).toEqual([
      '2026-03-02',
      '2',
      's01',
      '',
      '',
      '100.00',
      '50.00',
      '50.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '50.00',
      '0.00',
    ]);
    expect(lines[1].split(',')).toHaveLength(37);
    expect(lines[1].split(',')[14]).toBe(''); // D9 has not happened yet
  });

  it('defuses a channel name that a spreadsheet would run as a formula', async () => {
    const { status, body } = await get(`/api/retention.csv?from=2026-03-01&to=2026-03-10&channel=${encodeURIComponent('=1+2')}`);
    expect(status).toBe(200);
    expect(csvParts(body).rows.map((l: string) => l.split(',').slice(0, 10))).toEqual([
      ['2026-03-06', '1', '', '', "'=1+2", '100.00', '0.00', '0.00', '0.00', '0.00'],
    ]);
  });

  it('refuses bad parameters with a message', async () => {
    for (const [url, msg] of [
      ['/api/retention?grain=month', /grain must be one of day, week/],
      ['/api/retention/ltv?mode=forever', /mode must be one of classic, unbounded/],
      ['/api/retention?from=2025-01-01&to=2026-03-10', /at most 90 daily cohorts/],
      ['/api/retention?grain=week&from=2025-06-01&to=2026-03-10', /at most 26 weekly cohorts/],
      ['/api/retention.csv?from=2026-02-30', /from must be a day/],
      ['/api/retention?to=9999-12-31', /to must be a day \(YYYY-MM-DD\) from 1970-01-01 to/],
      ['/api/retention/ltv?to=0000-01-01', /to must be a day \(YYYY-MM-DD\) from 1970-01-01 to/],
      ['/api/retention?channel=a%0Ab', /channel may hold only printable characters/],
      [`/api/retention?platform=${'x'.repeat(65)}`, /platform may be at most 64 characters long/],
      ['/api/retention?server=a%20b', /server may hold only letters, digits/],
      ['/api/retention?channel=a&channel=b', /channel must be given once/],
      ['/api/retention?from=2026-03-10&to=2026-03-01', /after/],
    ] as const) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.body.error, url).toMatch(msg);
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

describe('player_attributes migration', () => {
  const attributes = () =>
    rows<Record<string, string>>(
      engine.db,
      `SELECT player_id, toString(min(first_day)) AS day, argMinMerge(server) AS server, argMinMerge(platform) AS platform, argMinMerge(channel) AS channel
       FROM player_attributes GROUP BY player_id ORDER BY player_id`,
    );
  const EXPECTED = [
    { player_id: 'P1', day: '2026-03-02', server: 's01', platform: 'ios', channel: 'organic' },
    { player_id: 'P2', day: '2026-03-02', server: 's01', platform: 'android', channel: 'organic' },
    { player_id: 'P3', day: '2026-03-03', server: 's01', platform: 'ios', channel: 'organic' },
    { player_id: 'P4', day: '2026-03-08', server: 's02', platform: 'android', channel: 'organic' },
    { player_id: 'P5', day: '2026-03-05', server: 's03', platform: 'pc', channel: 'taptap' },
    { player_id: 'P6', day: '2026-03-06', server: 's02', platform: 'android', channel: '=1+2' },
  ];
  const migrationNamed = (name: string) => loadMigrations().find((m) => m.name === name)!;
  const upgrades = ['011_player_first_attributes.sql', '013_player_attributes_numeric_keys.sql'].map(migrationNamed);

  it('is kept by the views as events arrive', async () => {
    expect(await attributes()).toEqual(EXPECTED);
  });

  it('replaces the tables of 008 and 011 on a database that already holds events, and a second back-fill changes nothing', async () => {
    // A database from before 011: the session-only table and view of 008, filled from the stored sessions.
    for (const statement of [
      'DROP VIEW player_attributes_from_sessions SYNC',
      'DROP VIEW player_attributes_from_payments SYNC',
      'DROP TABLE player_attributes SYNC',
    ]) {
      await exec(engine.db, statement);
    }
    for (const statement of migrationNamed('008_player_attributes.sql').statements) await exec(engine.db, statement);
    // Each upgrade drops the table before it, so only its INSERT ... SELECT can bring the rows back.
    for (const migration of upgrades) {
      for (const statement of migration.statements) await exec(engine.db, statement);
      expect(await attributes(), migration.name).toEqual(EXPECTED);
    }
    const stored = async () => Number((await rows<{ n: number }>(engine.db, 'SELECT count() AS n FROM player_attributes'))[0].n);
    const before = await stored();
    await exec(engine.db, upgrades.at(-1)!.statements.at(-1)!);
    expect(await stored()).toBe(before);
    expect(await attributes()).toEqual(EXPECTED);
  });

  it('keeps following new events after the upgrade: a payment before the first session names the server and channel', async () => {
    await exec(
      engine.db,
      `INSERT INTO payments (event_id, player_id, server_id, ts, day, amount, amount_orig, currency, sku, channel, source_file)
       VALUES ('m7', 'P7', 's04', '2026-03-10 01:00:00', '2026-03-10', 1, 1, 'USD', '', 'huawei', 'test')`,
    );
    await exec(
      engine.db,
      `INSERT INTO sessions (event_id, player_id, server_id, start, duration_s, day, level, platform, channel, source_file)
       VALUES ('g1', 'P7', 's01', '2026-03-10 02:00:00', 60, '2026-03-10', 1, 'ios', '', 'test')`,
    );
    expect((await attributes()).at(-1)).toEqual({ player_id: 'P7', day: '2026-03-10', server: 's04', platform: 'ios', channel: 'huawei' });
  });
});
