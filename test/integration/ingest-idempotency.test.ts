import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../contract/ingest.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { payment, session, writeNdjson, writeText } from '../helpers/files.ts';
import { dailyByDay, eventDays, ledger, outcomeCounts, totals } from '../helpers/ingest-state.ts';

/**
 * "Delivered twice, counted once" (DESIGN section 4). GAME_TZ is UTC here; the
 * tests run in order on one engine, so each states the running totals.
 * Every session lasts 600 s and is on server s01.
 *
 * | file                          | rows | new | duplicate | sessions | payments | daily sessions / payments / revenue |
 * |-------------------------------|------|-----|-----------|----------|----------|-------------------------------------|
 * | sessions_a.ndjson (a1..a6)    | 6    | 6   | 0         | 6        | 0        | 6 / 0 / 0                           |
 * |   same file again             | -    | -   | skipped   | 6        | 0        | 6 / 0 / 0                           |
 * |   renamed copy                | -    | -   | skipped   | 6        | 0        | 6 / 0 / 0                           |
 * | sessions_b (a4 a5 a6 b1 b2 b3)| 6    | 3   | 3         | 9        | 0        | 9 / 0 / 0                           |
 * | sessions_c (c1 c1 c2 c2 c3)   | 5    | 3   | 2         | 12       | 0        | 12 / 0 / 0                          |
 * | payments_d.ndjson (d1..d4)    | 4    | 4   | 0         | 12       | 4        | 12 / 3 / 25.00 (9.99+20-5+0.01)     |
 * |   payments_d.csv, .ndjson.gz  | 4+4  | 0   | 4+4       | 12       | 4        | 12 / 3 / 25                         |
 * |   sessions_a.csv.gz           | 6    | 0   | 6         | 12       | 4        | 12 / 3 / 25                         |
 * | late: sessions l1 l2 l3, m1   | 3+1  | 4   | 0         | 15       | 5        | 15 / 4 / 28.5                       |
 */
const A = [
  session('a1', 'P1', '2026-03-10T10:00:00Z'),
  session('a2', 'P1', '2026-03-10T12:00:00Z'),
  session('a3', 'P2', '2026-03-10T10:00:00Z'),
  session('a4', 'P2', '2026-03-11T10:00:00Z'),
  session('a5', 'P3', '2026-03-11T10:00:00Z'),
  session('a6', 'P3', '2026-03-12T10:00:00Z'),
];
const D = [
  payment('d1', 'P1', '2026-03-10T13:00:00Z', '9.99'),
  payment('d2', 'P2', '2026-03-11T13:00:00Z', '20.00'),
  payment('d3', 'P1', '2026-03-12T13:00:00Z', '-5.00'),
  payment('d4', 'P3', '2026-03-12T14:00:00Z', '0.01'),
];

let engine: TestEngine;
let inbox: string;
beforeAll(async () => {
  engine = await freshEngine();
  inbox = path.join(engine.dir, 'inbox');
});
afterAll(() => engine?.cleanup());

async function ingest(...files: string[]): Promise<FileOutcome[]> {
  return (await engine.ingester.run({ paths: files, source: 'cli' })).files;
}

describe('ingest is idempotent', () => {
  it('loads a file once and skips the same file delivered again', async () => {
    const a = writeNdjson(inbox, 'sessions_a.ndjson', A);
    expect((await ingest(a)).map(outcomeCounts)).toEqual([{ file: 'sessions_a.ndjson', state: 'done', total: 6, loaded: 6, quarantined: 0, duplicate: 0 }]);
    const once = await totals(engine.db);
    expect(once).toEqual({
      sessions: 6,
      payments: 0,
      quarantine: 0,
      dailySessions: 6,
      dailyPayments: 0,
      dailyRevenue: '0',
      dailyPlaytime: 3600,
      ledgerFiles: 1,
    });

    expect((await ingest(a)).map(outcomeCounts)).toEqual([{ file: 'sessions_a.ndjson', state: 'skipped', total: 6, loaded: 0, quarantined: 0, duplicate: 0 }]);
    expect(await totals(engine.db)).toEqual(once);
    expect(await ledger(engine.db)).toEqual({
      'sessions_a.ndjson': {
        file_name: 'sessions_a.ndjson',
        state: 'done',
        rows_total: 6,
        rows_loaded: 6,
        rows_quarantined: 0,
        rows_duplicate: 0,
        min_day: '2026-03-10',
        max_day: '2026-03-12',
        error: '',
      },
    });
  });

  it('skips a renamed copy by its content hash', async () => {
    const copy = path.join(engine.dir, 'elsewhere', 'sessions_a_resent_copy.ndjson');
    mkdirSync(path.dirname(copy), { recursive: true });
    copyFileSync(path.join(inbox, 'sessions_a.ndjson'), copy);
    expect((await ingest(copy)).map(outcomeCounts)).toEqual([
      { file: 'sessions_a_resent_copy.ndjson', state: 'skipped', total: 6, loaded: 0, quarantined: 0, duplicate: 0 },
    ]);
    expect(await totals(engine.db)).toMatchObject({ sessions: 6, dailySessions: 6, dailyPlaytime: 3600, ledgerFiles: 1 });
    expect(Object.keys(await ledger(engine.db))).toEqual(['sessions_a.ndjson']);
  });

  it('loads only the new half of an overlapping file and counts the rest as duplicates', async () => {
    const b = writeNdjson(inbox, 'sessions_b.ndjson', [
      ...A.slice(3),
      session('b1', 'P1', '2026-03-12T10:00:00Z'),
      session('b2', 'P4', '2026-03-12T11:00:00Z'),
      session('b3', 'P4', '2026-03-13T10:00:00Z'),
    ]);
    expect((await ingest(b)).map(outcomeCounts)).toEqual([{ file: 'sessions_b.ndjson', state: 'done', total: 6, loaded: 3, quarantined: 0, duplicate: 3 }]);
    expect(await totals(engine.db)).toEqual({
      sessions: 9,
      payments: 0,
      quarantine: 0,
      dailySessions: 9,
      dailyPayments: 0,
      dailyRevenue: '0',
      dailyPlaytime: 5400,
      ledgerFiles: 2,
    });
    expect((await ledger(engine.db))['sessions_b.ndjson']).toMatchObject({ state: 'done', rows_total: 6, rows_loaded: 3, rows_duplicate: 3 });
  });

  it('stores an event_id repeated inside one file once', async () => {
    const c1 = session('c1', 'P2', '2026-03-13T10:00:00Z');
    const c2 = session('c2', 'P2', '2026-03-13T12:00:00Z');
    const c = writeNdjson(inbox, 'sessions_c.ndjson', [c1, c1, c2, c2, session('c3', 'P3', '2026-03-14T10:00:00Z')]);
    expect((await ingest(c)).map(outcomeCounts)).toEqual([{ file: 'sessions_c.ndjson', state: 'done', total: 5, loaded: 3, quarantined: 0, duplicate: 2 }]);
    expect(await totals(engine.db)).toEqual({
      sessions: 12,
      payments: 0,
      quarantine: 0,
      dailySessions: 12,
      dailyPayments: 0,
      dailyRevenue: '0',
      dailyPlaytime: 7200,
      ledgerFiles: 3,
    });
    expect((await ledger(engine.db))['sessions_c.ndjson']).toMatchObject({ rows_total: 5, rows_loaded: 3, rows_duplicate: 2 });
  });

  it('counts the same events once whether they come as NDJSON, CSV or gzip', async () => {
    const nd = writeNdjson(inbox, 'payments_d.ndjson', D);
    expect((await ingest(nd)).map(outcomeCounts)).toEqual([{ file: 'payments_d.ndjson', state: 'done', total: 4, loaded: 4, quarantined: 0, duplicate: 0 }]);
    const after = await totals(engine.db);
    expect(after).toEqual({
      sessions: 12,
      payments: 4,
      quarantine: 0,
      dailySessions: 12,
      dailyPayments: 3,
      dailyRevenue: '25',
      dailyPlaytime: 7200,
      ledgerFiles: 4,
    });

    const csv = writeText(
      inbox,
      'payments_d.csv',
      `${[
        'event_id,player_id,server_id,ts,amount,currency,sku,channel',
        ...D.map((p) => `${p.event_id},${p.player_id},${p.server_id},${p.ts},${p.amount},USD,gem_pack,store`),
      ].join('\n')}\n`,
    );
    const gz = path.join(inbox, 'payments_d.ndjson.gz');
    writeFileSync(gz, gzipSync(readFileSync(nd)));
    const sessionsCsvGz = path.join(inbox, 'sessions_a.csv.gz');
    writeFileSync(
      sessionsCsvGz,
      gzipSync(
        `${['event_id,player_id,server_id,start,duration_s', ...A.map((s) => `${s.event_id},${s.player_id},${s.server_id},${s.start},${s.duration_s}`)].join(
          '\n',
        )}\n`,
      ),
    );

    expect((await ingest(csv, gz, sessionsCsvGz)).map(outcomeCounts)).toEqual([
      { file: 'payments_d.csv', state: 'done', total: 4, loaded: 0, quarantined: 0, duplicate: 4 },
      { file: 'payments_d.ndjson.gz', state: 'done', total: 4, loaded: 0, quarantined: 0, duplicate: 4 },
      { file: 'sessions_a.csv.gz', state: 'done', total: 6, loaded: 0, quarantined: 0, duplicate: 6 },
    ]);
    expect(await totals(engine.db)).toEqual({ ...after, ledgerFiles: 7 });
  });

  /**
   * Late files arrive after March is loaded. Days are UTC calendar days.
   * | event | player | time                  | day        |
   * |-------|--------|-----------------------|------------|
   * | l1    | P1     | 2026-02-01T10:00:00Z  | 2026-02-01 |
   * | l2    | P4     | 2026-02-01T23:59:59Z  | 2026-02-01 |
   * | l3    | P5     | 2026-02-14T00:00:00Z  | 2026-02-14 |
   * | m1    | P1     | 2026-02-01T11:00:00Z  | 2026-02-01, 3.50 |
   * player_daily by day afterwards (sessions / payments / revenue):
   * 02-01 2/1/3.5, 02-14 1/0/0, 03-10 3/1/9.99 (a1 a2 a3, d1), 03-11 2/1/20 (a4 a5, d2),
   * 03-12 3/1/-4.99 (a6 b1 b2, d3 refund not a payment, d4), 03-13 3/0/0 (b3 c1 c2), 03-14 1/0/0 (c3).
   */
  it('puts events weeks late on their own day and keeps the rollups exact', async () => {
    const ls = writeNdjson(inbox, 'sessions_late.ndjson', [
      session('l1', 'P1', '2026-02-01T10:00:00Z'),
      session('l2', 'P4', '2026-02-01T23:59:59Z'),
      session('l3', 'P5', '2026-02-14T00:00:00Z'),
    ]);
    const lp = writeNdjson(inbox, 'payments_late.ndjson', [payment('m1', 'P1', '2026-02-01T11:00:00Z', '3.50')]);
    const out = await ingest(ls, lp);
    expect(out.map(outcomeCounts)).toEqual([
      { file: 'sessions_late.ndjson', state: 'done', total: 3, loaded: 3, quarantined: 0, duplicate: 0 },
      { file: 'payments_late.ndjson', state: 'done', total: 1, loaded: 1, quarantined: 0, duplicate: 0 },
    ]);
    expect(out.map((o) => [o.minDay, o.maxDay])).toEqual([
      ['2026-02-01', '2026-02-14'],
      ['2026-02-01', '2026-02-01'],
    ]);
    const days = await eventDays(engine.db, 'sessions');
    expect([days.l1, days.l2, days.l3]).toEqual(['2026-02-01', '2026-02-01', '2026-02-14']);
    expect((await eventDays(engine.db, 'payments')).m1).toBe('2026-02-01');
    expect(await dailyByDay(engine.db)).toEqual({
      '2026-02-01': { sessions: 2, payments: 1, revenue: '3.5' },
      '2026-02-14': { sessions: 1, payments: 0, revenue: '0' },
      '2026-03-10': { sessions: 3, payments: 1, revenue: '9.99' },
      '2026-03-11': { sessions: 2, payments: 1, revenue: '20' },
      '2026-03-12': { sessions: 3, payments: 1, revenue: '-4.99' },
      '2026-03-13': { sessions: 3, payments: 0, revenue: '0' },
      '2026-03-14': { sessions: 1, payments: 0, revenue: '0' },
    });
    expect(await totals(engine.db)).toEqual({
      sessions: 15,
      payments: 5,
      quarantine: 0,
      dailySessions: 15,
      dailyPayments: 4,
      dailyRevenue: '28.5',
      dailyPlaytime: 9000,
      ledgerFiles: 9,
    });
  });
});
