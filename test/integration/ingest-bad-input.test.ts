import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../server/db/query.ts';
import type { FileOutcome } from '../../contract/ingest.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { session, writeText } from '../helpers/files.ts';
import { dailyByDay, ledger, outcomeCounts, quarantined, totals } from '../helpers/ingest-state.ts';

/**
 * Bad input: every quarantine reason of the staging SQL on a known line, files
 * rejected whole (too many bad rows, no rows, broken gzip), the one-day future
 * tolerance, refunds and currency conversion.
 *
 * Engine: GAME_TZ UTC, base currency USD, CURRENCY_RATES=EUR=1.08,
 * INGEST_MAX_BAD_SHARE=0.6, INGEST_MAX_LEVEL=65535 (the column's own bound; the configurable
 * limits have their own test, ingest-limits). The engine runs with the host time zone set to
 * Asia/Shanghai (UTC+8), like a game studio's server in China: nothing the
 * ingester decides may depend on the host's zone.
 * The tests run in order on one engine, so each states the running totals.
 *
 * | test                           | rows | loaded | quarantined | sessions | payments | quarantine | daily payments / revenue | playtime  | ledger |
 * |--------------------------------|------|--------|-------------|----------|----------|------------|--------------------------|-----------|--------|
 * | sessions_reasons.ndjson        | 22   | 10     | 12          | 10       | 0        | 12         | 0 / 0                    | 6301      | 1      |
 * | sessions_reasons.csv           | 21   | 10     | 11          | 20       | 0        | 23         | 0 / 0                    | 12901     | 2      |
 * | payments_reasons.ndjson        | 19   | 9      | 10          | 20       | 9        | 33         | 8 / 117.99               | 12901     | 3      |
 * | payments_reasons.csv           | 17   | 8      | 9           | 20       | 17       | 42         | 15 / 123.99              | 12901     | 4      |
 * | share 60% / 67% / blank only   | 5/6/0| 2/0/0  | 3/0/0       | 22       | 17       | 45         | 15 / 123.99              | 14101     | 7      |
 * | 3 broken gzips + intact gzip   | 2000 | 2000   | 0           | 2022     | 17       | 45         | 15 / 123.99              | 1214101   | 11     |
 * | future sessions + payments     | 4+2  | 2+1    | 2+1         | 2024     | 18       | 48         | 16 / 124.99              | 1215301   | 13     |
 * | payments_money.ndjson          | 7    | 6      | 1           | 2024     | 24       | 49         | 20 / 153.8392            | 1215301   | 14     |
 */

const HOST_TZ = 'Asia/Shanghai';
let engine: TestEngine;
let inbox: string;
beforeAll(async () => {
  // The embedded engine takes its server time zone from the process environment when it starts.
  process.env.TZ = HOST_TZ;
  engine = await freshEngine({ CURRENCY_RATES: 'EUR=1.08', INGEST_MAX_BAD_SHARE: '0.6', INGEST_MAX_LEVEL: '65535' });
  inbox = path.join(engine.dir, 'inbox');
});
afterAll(() => engine?.cleanup());

const text = (lines: string[]) => `${lines.join('\n')}\n`;
const j = (o: object) => JSON.stringify(o);

async function ingest(paths: string[], archiveDir?: string): Promise<FileOutcome[]> {
  return (await engine.ingester.run({ paths, source: 'cli', archiveDir })).files;
}
const q = (file: string, line: number, raw: string, reason: string) => ({ file_name: file, line, raw, reason });

interface StoredSession {
  event_id: string;
  start: string;
  duration_s: number;
  day: string;
  level: number;
  platform: string;
  channel: string;
}
async function storedSessions(prefix: string): Promise<StoredSession[]> {
  return rows<StoredSession>(
    engine.db,
    `SELECT event_id, toString(start) AS start, duration_s, toString(day) AS day, level, platform, channel
     FROM sessions WHERE startsWith(event_id, {p:String}) ORDER BY start, event_id`,
    { p: prefix },
  );
}
interface StoredPayment {
  event_id: string;
  ts: string;
  day: string;
  amount: string;
  amount_orig: string;
  currency: string;
}
async function storedPayments(prefix: string): Promise<StoredPayment[]> {
  return rows<StoredPayment>(
    engine.db,
    `SELECT event_id, toString(ts) AS ts, toString(day) AS day, toString(amount) AS amount, toString(amount_orig) AS amount_orig, currency
     FROM payments WHERE startsWith(event_id, {p:String}) ORDER BY event_id`,
    { p: prefix },
  );
}

describe('ingest quarantines bad rows and rejects bad files', () => {
  it('runs the engine in a non-UTC host time zone', async () => {
    expect(await one(engine.db, 'SELECT timezone() AS tz')).toEqual({ tz: HOST_TZ });
  });

  /**
   * Lines (all on 2026-03-10 UTC, server s01 unless noted). Line 3 is blank:
   * skipped, not a row, but it still counts in the line numbers after it.
   * |  # | row                                   | outcome                                             |
   * |----|---------------------------------------|-----------------------------------------------------|
   * |  1 | sn01 10:00Z 600 s                     | loaded                                              |
   * |  2 | {"event_id":"sn-x","player_id":"P1"   | unparsable JSON                                     |
   * |  3 | (spaces, tab, CR: blank)              | skipped                                             |
   * |  4 | sn02 12:00Z, end 12:30Z               | loaded, 1800 s                                      |
   * |  5 | no event_id                           | missing event_id                                    |
   * |  6 | player_id "  "                        | missing player_id (blank after trimming)            |
   * |  7 | server_id null                        | missing server_id                                   |
   * |  8 | sn03 start epoch ms 1773140400000     | loaded, 11:00Z, duration "900" as a string          |
   * |  9 | no start                              | missing start                                       |
   * | 10 | start "2026-03-10 10:00:00"           | start is not ISO-8601 (no offset)                   |
   * | 11 | start 2099-01-01                      | start is more than a day in the future              |
   * | 12 | neither end nor duration_s            | missing end or duration_s                           |
   * | 13 | end "2026-03-10T10:30:00"             | end is not ISO-8601 (no offset)                     |
   * | 14 | duration_s 10.5                       | duration_s is not an integer                        |
   * | 15 | end 09:59Z before start 10:00Z        | negative duration                                   |
   * | 16 | level 65536                           | level is not an integer 0..65535                    |
   * | 17 | sn04 level 65535, ios, organic        | loaded                                              |
   * | 18 | sn05 2026-03-11T01:00:00+08:00        | loaded, 2026-03-10 17:00Z, day 2026-03-10           |
   * | 19 | sn06 23:59:59Z, 1 s                   | loaded, day 2026-03-10                              |
   * | 20 | sn07 duration 0                       | loaded                                              |
   * | 21 | sn08 start " 2026-03-10T11:30:00Z "   | loaded (fields are trimmed)                         |
   * | 22 | sn09, 23 sn10                         | loaded                                              |
   * 22 rows (23 lines less the blank one), 12 bad (54.5% <= 60%), 10 loaded.
   * Playtime 600+1800+900+600+600+1+0+600+600+600 = 6301.
   */
  it('quarantines every sessions reason in NDJSON on its own line and loads the good rows', async () => {
    const ok = (id: string, start: string, extra: Record<string, unknown> = {}) => session(id, 'P1', start, extra);
    const bad = (id: string, fields: Record<string, unknown>) => ({
      event_id: id,
      player_id: 'P2',
      server_id: 's01',
      start: '2026-03-10T10:00:00Z',
      duration_s: 600,
      ...fields,
    });
    const L = [
      j(ok('sn01', '2026-03-10T10:00:00Z')),
      '{"event_id":"sn-x","player_id":"P1"',
      ' \t\r', // whitespace only: a blank line
      j({ event_id: 'sn02', player_id: 'P1', server_id: 's01', start: '2026-03-10T12:00:00Z', end: '2026-03-10T12:30:00Z' }),
      j({ player_id: 'P2', server_id: 's01', start: '2026-03-10T10:00:00Z', duration_s: 600 }),
      j(bad('b06', { player_id: '  ' })),
      j(bad('b07', { server_id: null })),
      j({ event_id: 'sn03', player_id: 'P2', server_id: 's02', start: 1773140400000, duration_s: '900' }),
      j({ event_id: 'b09', player_id: 'P2', server_id: 's01', duration_s: 600 }),
      j(bad('b10', { start: '2026-03-10 10:00:00' })),
      j(bad('b11', { start: '2099-01-01T00:00:00Z' })),
      j({ event_id: 'b12', player_id: 'P2', server_id: 's01', start: '2026-03-10T10:00:00Z' }),
      j({ event_id: 'b13', player_id: 'P2', server_id: 's01', start: '2026-03-10T10:00:00Z', end: '2026-03-10T10:30:00' }),
      j(bad('b14', { duration_s: 10.5 })),
      j({ event_id: 'b15', player_id: 'P2', server_id: 's01', start: '2026-03-10T10:00:00Z', end: '2026-03-10T09:59:00Z' }),
      j(bad('b16', { level: 65536 })),
      j(ok('sn04', '2026-03-10T13:00:00Z', { level: 65535, platform: 'ios', channel: 'organic' })),
      j(ok('sn05', '2026-03-11T01:00:00+08:00')),
      j(ok('sn06', '2026-03-10T23:59:59Z', { duration_s: 1 })),
      j(ok('sn07', '2026-03-10T14:00:00Z', { duration_s: 0 })),
      j(ok('sn08', ' 2026-03-10T11:30:00Z ')),
      j(ok('sn09', '2026-03-10T15:00:00Z')),
      j(ok('sn10', '2026-03-10T16:00:00Z')),
    ];
    const F = 'sessions_reasons.ndjson';
    const file = writeText(inbox, F, text(L));
    expect((await ingest([file])).map(outcomeCounts)).toEqual([{ file: F, state: 'done', total: 22, loaded: 10, quarantined: 12, duplicate: 0 }]);
    expect(await quarantined(engine.db, F)).toEqual([
      q(F, 2, L[1], 'unparsable JSON'),
      q(F, 5, L[4], 'missing event_id'),
      q(F, 6, L[5], 'missing player_id'),
      q(F, 7, L[6], 'missing server_id'),
      q(F, 9, L[8], 'missing start'),
      q(F, 10, L[9], 'start is not ISO-8601 with an offset or epoch milliseconds'),
      q(F, 11, L[10], 'start is more than a day in the future'),
      q(F, 12, L[11], 'missing end or duration_s'),
      q(F, 13, L[12], 'end is not ISO-8601 with an offset or epoch milliseconds'),
      q(F, 14, L[13], 'duration_s is not an integer'),
      q(F, 15, L[14], 'negative duration'),
      q(F, 16, L[15], 'level is not an integer 0..65535'),
    ]);
    const s = (event_id: string, start: string, duration_s = 600, extra: Partial<StoredSession> = {}) => ({
      event_id,
      start,
      duration_s,
      day: '2026-03-10',
      level: 0,
      platform: '',
      channel: '',
      ...extra,
    });
    expect(await storedSessions('sn')).toEqual([
      s('sn01', '2026-03-10 10:00:00.000'),
      s('sn03', '2026-03-10 11:00:00.000', 900),
      s('sn08', '2026-03-10 11:30:00.000'),
      s('sn02', '2026-03-10 12:00:00.000', 1800),
      s('sn04', '2026-03-10 13:00:00.000', 600, { level: 65535, platform: 'ios', channel: 'organic' }),
      s('sn07', '2026-03-10 14:00:00.000', 0),
      s('sn09', '2026-03-10 15:00:00.000'),
      s('sn10', '2026-03-10 16:00:00.000'),
      s('sn05', '2026-03-10 17:00:00.000'),
      s('sn06', '2026-03-10 23:59:59.000', 1),
    ]);
    expect(await totals(engine.db)).toEqual({
      sessions: 10,
      payments: 0,
      quarantine: 12,
      dailySessions: 10,
      dailyPayments: 0,
      dailyRevenue: '0',
      dailyPlaytime: 6301,
      ledgerFiles: 1,
    });
    expect((await ledger(engine.db))[F]).toMatchObject({
      state: 'done',
      rows_total: 22,
      rows_loaded: 10,
      rows_quarantined: 12,
      rows_duplicate: 0,
      min_day: '2026-03-10',
      max_day: '2026-03-10',
      error: '',
    });
  });

  /**
   * The same reasons in CSV (no "unparsable JSON": the CSV reader fills missing
   * fields instead). The header orders the columns differently from the
   * contract and leaves out platform and channel: the quarantine's raw text is
   * the row re-joined in contract order (event_id, player_id, server_id, start,
   * end, duration_s, level, platform, channel), not the line as written.
   * Line 1 is the header. Line 3 is blank and skipped, as in NDJSON (the CSV
   * reader sees a row of empty fields; it is neither a row nor a bad row).
   * | #  | row (event_id,player_id,server_id,start,duration_s,end,level) | outcome                         |
   * |----|----------------------------------------------------------------|---------------------------------|
   * |  2 | sc01,P6,s01,10:00Z,600,,                                       | loaded                          |
   * |  3 | (blank)                                                        | skipped                         |
   * |  4 | ,P6,...                                                        | missing event_id                |
   * |  5 | bc05,,...   6 bc06,P6,,...                                     | missing player_id / server_id   |
   * |  7 | sc02, end 11:20Z instead of duration                           | loaded, 1200 s                  |
   * |  8 | no start   9 "10/03/2026 10:00"   10 2099-01-01               | missing / not ISO / future      |
   * | 11 | no end, no duration   12 end "tomorrow"   13 duration "ten"    | missing / end not ISO / not int |
   * | 14 | duration -1   15 level 1.5                                     | negative duration / level       |
   * | 16 | sc03 epoch ms start, level 42                                  | loaded                          |
   * | 17-23 | sc04..sc10                                                  | loaded                          |
   * 21 rows, 11 bad, 10 loaded. Playtime 600+1200+600+7*600 = 6600.
   */
  it('quarantines every sessions reason in CSV on its own line and loads the good rows', async () => {
    const good = (id: string, hour: number) => `${id},P6,s01,2026-03-09T${String(hour).padStart(2, '0')}:00:00Z,600,,`;
    const L = [
      'event_id,player_id,server_id,start,duration_s,end,level',
      good('sc01', 1),
      '',
      ',P6,s01,2026-03-09T10:00:00Z,600,,',
      'bc05,,s01,2026-03-09T10:00:00Z,600,,',
      'bc06,P6,,2026-03-09T10:00:00Z,600,,',
      'sc02,P6,s01,2026-03-09T11:00:00Z,,2026-03-09T11:20:00Z,',
      'bc08,P6,s01,,600,,',
      'bc09,P6,s01,10/03/2026 10:00,600,,',
      'bc10,P6,s01,2099-01-01T00:00:00Z,600,,',
      'bc11,P6,s01,2026-03-09T10:00:00Z,,,',
      'bc12,P6,s01,2026-03-09T10:00:00Z,,tomorrow,',
      'bc13,P6,s01,2026-03-09T10:00:00Z,ten,,',
      'bc14,P6,s01,2026-03-09T10:00:00Z,-1,,',
      'bc15,P6,s01,2026-03-09T10:00:00Z,600,,1.5',
      `sc03,P7,s01,${Date.UTC(2026, 2, 9, 2)},600,,42`,
      ...['sc04', 'sc05', 'sc06', 'sc07', 'sc08', 'sc09', 'sc10'].map((id, i) => good(id, 12 + i)),
    ];
    const F = 'sessions_reasons.csv';
    const file = writeText(inbox, F, text(L));
    expect((await ingest([file])).map(outcomeCounts)).toEqual([{ file: F, state: 'done', total: 21, loaded: 10, quarantined: 11, duplicate: 0 }]);
    expect(await quarantined(engine.db, F)).toEqual([
      q(F, 4, ',P6,s01,2026-03-09T10:00:00Z,,600,,,', 'missing event_id'),
      q(F, 5, 'bc05,,s01,2026-03-09T10:00:00Z,,600,,,', 'missing player_id'),
      q(F, 6, 'bc06,P6,,2026-03-09T10:00:00Z,,600,,,', 'missing server_id'),
      q(F, 8, 'bc08,P6,s01,,,600,,,', 'missing start'),
      q(F, 9, 'bc09,P6,s01,10/03/2026 10:00,,600,,,', 'start is not ISO-8601 with an offset or epoch milliseconds'),
      q(F, 10, 'bc10,P6,s01,2099-01-01T00:00:00Z,,600,,,', 'start is more than a day in the future'),
      q(F, 11, 'bc11,P6,s01,2026-03-09T10:00:00Z,,,,,', 'missing end or duration_s'),
      q(F, 12, 'bc12,P6,s01,2026-03-09T10:00:00Z,tomorrow,,,,', 'end is not ISO-8601 with an offset or epoch milliseconds'),
      q(F, 13, 'bc13,P6,s01,2026-03-09T10:00:00Z,,ten,,,', 'duration_s is not an integer'),
      q(F, 14, 'bc14,P6,s01,2026-03-09T10:00:00Z,,-1,,,', 'negative duration'),
      q(F, 15, 'bc15,P6,s01,2026-03-09T10:00:00Z,,600,1.5,,', 'level is not an integer 0..65535'),
    ]);
    const stored = await storedSessions('sc');
    expect(stored.map((r) => r.event_id)).toEqual(['sc01', 'sc03', 'sc02', 'sc04', 'sc05', 'sc06', 'sc07', 'sc08', 'sc09', 'sc10']);
    expect(stored.slice(0, 3)).toEqual([
      { event_id: 'sc01', start: '2026-03-09 01:00:00.000', duration_s: 600, day: '2026-03-09', level: 0, platform: '', channel: '' },
      { event_id: 'sc03', start: '2026-03-09 02:00:00.000', duration_s: 600, day: '2026-03-09', level: 42, platform: '', channel: '' },
      { event_id: 'sc02', start: '2026-03-09 11:00:00.000', duration_s: 1200, day: '2026-03-09', level: 0, platform: '', channel: '' },
    ]);
    expect(await totals(engine.db)).toEqual({
      sessions: 20,
      payments: 0,
      quarantine: 23,
      dailySessions: 20,
      dailyPayments: 0,
      dailyRevenue: '0',
      dailyPlaytime: 12901,
      ledgerFiles: 2,
    });
  });

  /**
   * Payments on 2026-03-11, base currency USD (a missing currency is USD).
   * | #  | row                                  | outcome                                   |
   * |----|--------------------------------------|-------------------------------------------|
   * |  1 | pn1 9.99                             | loaded                                    |
   * |  2 | {"event_id":                         | unparsable JSON                           |
   * |  3 | no event_id  4 player_id ""  5 no server_id | missing event_id / player_id / server_id |
   * |  6 | pn2 ts epoch ms, amount 4.5 (number) | loaded                                    |
   * |  7 | no ts   8 ts "2026-03-11"   9 2099   | missing ts / ts not ISO / ts in the future |
   * | 10 | no amount   11 "1,000.00"            | missing amount / amount not a decimal      |
   * | 12 | 5 GBP                                | unknown currency                          |
   * | 13 | pn3 -1.50 (refund)   14 pn4 100 "usd" | loaded                                   |
   * | 15-19 | pn5..pn9 1.00                     | loaded                                    |
   * 19 rows, 10 bad, 9 loaded; revenue 9.99+4.5-1.5+100+5 = 117.99; 8 payments (the refund is not one).
   */
  it('quarantines every payments reason in NDJSON on its own line and loads the good rows', async () => {
    const p = (id: string, fields: Record<string, unknown> = {}) => ({
      event_id: id,
      player_id: 'P1',
      server_id: 's01',
      ts: '2026-03-11T10:00:00Z',
      amount: '1.00',
      ...fields,
    });
    const L = [
      j(p('pn1', { amount: '9.99' })),
      '{"event_id":',
      j({ player_id: 'P1', server_id: 's01', ts: '2026-03-11T10:00:00Z', amount: '1.00' }),
      j(p('bp04', { player_id: '' })),
      j({ event_id: 'bp05', player_id: 'P1', ts: '2026-03-11T10:00:00Z', amount: '1.00' }),
      j(p('pn2', { ts: 1773223200000, amount: 4.5 })),
      j({ event_id: 'bp07', player_id: 'P1', server_id: 's01', amount: '1.00' }),
      j(p('bp08', { ts: '2026-03-11' })),
      j(p('bp09', { ts: '2099-01-01T00:00:00Z' })),
      j({ event_id: 'bp10', player_id: 'P1', server_id: 's01', ts: '2026-03-11T10:00:00Z' }),
      j(p('bp11', { amount: '1,000.00' })),
      j(p('bp12', { amount: '5', currency: 'GBP' })),
      j(p('pn3', { amount: '-1.50' })),
      j(p('pn4', { amount: '100', currency: 'usd' })),
      ...['pn5', 'pn6', 'pn7', 'pn8', 'pn9'].map((id) => j(p(id))),
    ];
    const F = 'payments_reasons.ndjson';
    const file = writeText(inbox, F, text(L));
    expect((await ingest([file])).map(outcomeCounts)).toEqual([{ file: F, state: 'done', total: 19, loaded: 9, quarantined: 10, duplicate: 0 }]);
    expect(await quarantined(engine.db, F)).toEqual([
      q(F, 2, L[1], 'unparsable JSON'),
      q(F, 3, L[2], 'missing event_id'),
      q(F, 4, L[3], 'missing player_id'),
      q(F, 5, L[4], 'missing server_id'),
      q(F, 7, L[6], 'missing ts'),
      q(F, 8, L[7], 'ts is not ISO-8601 with an offset or epoch milliseconds'),
      q(F, 9, L[8], 'ts is more than a day in the future'),
      q(F, 10, L[9], 'missing amount'),
      q(F, 11, L[10], 'amount is not a decimal number'),
      q(F, 12, L[11], 'unknown currency'),
    ]);
    const stored = await storedPayments('pn');
    expect(stored.slice(0, 4)).toEqual([
      { event_id: 'pn1', ts: '2026-03-11 10:00:00.000', day: '2026-03-11', amount: '9.99', amount_orig: '9.99', currency: 'USD' },
      { event_id: 'pn2', ts: '2026-03-11 10:00:00.000', day: '2026-03-11', amount: '4.5', amount_orig: '4.5', currency: 'USD' },
      { event_id: 'pn3', ts: '2026-03-11 10:00:00.000', day: '2026-03-11', amount: '-1.5', amount_orig: '-1.5', currency: 'USD' },
      { event_id: 'pn4', ts: '2026-03-11 10:00:00.000', day: '2026-03-11', amount: '100', amount_orig: '100', currency: 'USD' },
    ]);
    expect(stored).toHaveLength(9);
    expect((await dailyByDay(engine.db))['2026-03-11']).toEqual({ sessions: 0, payments: 8, revenue: '117.99' });
    expect(await totals(engine.db)).toEqual({
      sessions: 20,
      payments: 9,
      quarantine: 33,
      dailySessions: 20,
      dailyPayments: 8,
      dailyRevenue: '117.99',
      dailyPlaytime: 12901,
      ledgerFiles: 3,
    });
  });

  /**
   * Payments CSV on 2026-03-12; header without sku and channel, raw re-joined as
   * event_id,player_id,server_id,ts,amount,currency,sku,channel.
   * Bad rows on lines 3..11, one per reason; pc1 2.50 on line 2, pc2 -2.50 on
   * line 12, pc3..pc8 1.00 on lines 13..18. 17 rows, 9 bad, 8 loaded;
   * revenue 2.50-2.50+6*1.00 = 6.00, 7 payments; running revenue 123.99.
   */
  it('quarantines every payments reason in CSV on its own line and loads the good rows', async () => {
    const L = [
      'event_id,player_id,server_id,ts,amount,currency',
      'pc1,P3,s01,2026-03-12T09:00:00Z,2.50,USD',
      ',P3,s01,2026-03-12T09:00:00Z,1.00,USD',
      'bq04,,s01,2026-03-12T09:00:00Z,1.00,USD',
      'bq05,P3,,2026-03-12T09:00:00Z,1.00,USD',
      'bq06,P3,s01,,1.00,USD',
      'bq07,P3,s01,2026-03-12T09:00:00,1.00,USD',
      'bq08,P3,s01,2099-01-01T00:00:00Z,1.00,USD',
      'bq09,P3,s01,2026-03-12T09:00:00Z,,USD',
      'bq10,P3,s01,2026-03-12T09:00:00Z,1e3,USD',
      'bq11,P3,s01,2026-03-12T09:00:00Z,1.00,XXX',
      'pc2,P3,s01,2026-03-12T10:00:00Z,-2.50,',
      ...['pc3', 'pc4', 'pc5', 'pc6', 'pc7', 'pc8'].map((id) => `${id},P4,s02,1773306000000,1.00,USD`),
    ];
    const F = 'payments_reasons.csv';
    const file = writeText(inbox, F, text(L));
    expect((await ingest([file])).map(outcomeCounts)).toEqual([{ file: F, state: 'done', total: 17, loaded: 8, quarantined: 9, duplicate: 0 }]);
    expect(await quarantined(engine.db, F)).toEqual([
      q(F, 3, ',P3,s01,2026-03-12T09:00:00Z,1.00,USD,,', 'missing event_id'),
      q(F, 4, 'bq04,,s01,2026-03-12T09:00:00Z,1.00,USD,,', 'missing player_id'),
      q(F, 5, 'bq05,P3,,2026-03-12T09:00:00Z,1.00,USD,,', 'missing server_id'),
      q(F, 6, 'bq06,P3,s01,,1.00,USD,,', 'missing ts'),
      q(F, 7, 'bq07,P3,s01,2026-03-12T09:00:00,1.00,USD,,', 'ts is not ISO-8601 with an offset or epoch milliseconds'),
      q(F, 8, 'bq08,P3,s01,2099-01-01T00:00:00Z,1.00,USD,,', 'ts is more than a day in the future'),
      q(F, 9, 'bq09,P3,s01,2026-03-12T09:00:00Z,,USD,,', 'missing amount'),
      q(F, 10, 'bq10,P3,s01,2026-03-12T09:00:00Z,1e3,USD,,', 'amount is not a decimal number'),
      q(F, 11, 'bq11,P3,s01,2026-03-12T09:00:00Z,1.00,XXX,,', 'unknown currency'),
    ]);
    expect((await storedPayments('pc')).map((r) => [r.event_id, r.ts, r.amount, r.currency])).toEqual([
      ['pc1', '2026-03-12 09:00:00.000', '2.5', 'USD'],
      ['pc2', '2026-03-12 10:00:00.000', '-2.5', 'USD'],
      ...['pc3', 'pc4', 'pc5', 'pc6', 'pc7', 'pc8'].map((id) => [id, '2026-03-12 09:00:00.000', '1', 'USD']),
    ]);
    expect((await dailyByDay(engine.db))['2026-03-12']).toEqual({ sessions: 0, payments: 7, revenue: '6' });
    expect(await totals(engine.db)).toEqual({
      sessions: 20,
      payments: 17,
      quarantine: 42,
      dailySessions: 20,
      dailyPayments: 15,
      dailyRevenue: '123.99',
      dailyPlaytime: 12901,
      ledgerFiles: 4,
    });
  });

  /**
   * With INGEST_MAX_BAD_SHARE=0.6 and the files moved to an archive folder:
   * | file                        | rows | bad | share | outcome                                  |
   * |-----------------------------|------|-----|-------|------------------------------------------|
   * | sessions_share_60.ndjson    | 5    | 3   | 60%   | done (at the limit is not over it): 2 loaded, archive/<today>/ |
   * | sessions_share_67.ndjson    | 6    | 4   | 67%   | rejected whole, no quarantine rows, archive/rejected/ |
   * | sessions_blank_only.ndjson  | 0    | 0   | -     | rejected: "file holds no rows", archive/rejected/ |
   * Sent again, the rejected file's bytes are known to the ledger: skipped, still nothing loaded.
   * Running: sessions 22, quarantine 46, playtime 14101, 7 ledger files.
   */
  it('rejects a file over the bad-row limit whole: nothing loaded, nothing quarantined, archived as rejected', async () => {
    const dir = path.join(engine.dir, 'inbox-share');
    const archiveDir = path.join(engine.dir, 'archive');
    const g = (id: string) => j(session(id, 'P9', '2026-03-08T10:00:00Z'));
    const share60 = writeText(dir, 'sessions_share_60.ndjson', text(['{x', g('s60a'), '{x', g('s60b'), '{x']));
    const share67 = writeText(dir, 'sessions_share_67.ndjson', text([g('s67a'), '{x', '{x', g('s67b'), '{x', '{x']));
    writeText(dir, 'sessions_blank_only.ndjson', '\n\n\n');
    const before = await totals(engine.db);

    expect((await ingest([dir], archiveDir)).map((o) => ({ ...outcomeCounts(o), error: o.error }))).toEqual([
      { file: 'sessions_blank_only.ndjson', state: 'rejected', total: 0, loaded: 0, quarantined: 0, duplicate: 0, error: 'file holds no rows' },
      { file: 'sessions_share_60.ndjson', state: 'done', total: 5, loaded: 2, quarantined: 3, duplicate: 0, error: '' },
      {
        file: 'sessions_share_67.ndjson',
        state: 'rejected',
        total: 6,
        loaded: 0,
        quarantined: 0,
        duplicate: 0,
        error: '4 of 6 rows are bad (over the 60% limit): file rejected whole',
      },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await quarantined(engine.db, 'sessions_share_67.ndjson')).toEqual([]);
    expect((await quarantined(engine.db, 'sessions_share_60.ndjson')).map((r) => [r.line, r.reason])).toEqual([
      [1, 'unparsable JSON'],
      [3, 'unparsable JSON'],
      [5, 'unparsable JSON'],
    ]);
    expect((await storedSessions('s6')).map((r) => r.event_id)).toEqual(['s60a', 's60b']);
    const l = await ledger(engine.db);
    expect(l['sessions_share_67.ndjson']).toEqual({
      file_name: 'sessions_share_67.ndjson',
      state: 'rejected',
      rows_total: 6,
      rows_loaded: 0,
      rows_quarantined: 0,
      rows_duplicate: 0,
      min_day: null,
      max_day: null,
      error: '4 of 6 rows are bad (over the 60% limit): file rejected whole',
    });
    expect(l['sessions_blank_only.ndjson']).toMatchObject({ state: 'rejected', rows_total: 0, error: 'file holds no rows' });
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(archiveDir).sort()).toEqual([today, 'rejected']);
    expect(readdirSync(path.join(archiveDir, 'rejected')).sort()).toEqual(['sessions_blank_only.ndjson', 'sessions_share_67.ndjson']);
    expect(readdirSync(path.join(archiveDir, today))).toEqual(['sessions_share_60.ndjson']);
    const after = { ...before, sessions: 22, quarantine: 45, dailySessions: 22, dailyPlaytime: 14101, ledgerFiles: 7 };
    expect(await totals(engine.db)).toEqual(after);

    copyFileSync(path.join(archiveDir, 'rejected', 'sessions_share_67.ndjson'), share67);
    expect((await ingest([share67])).map(outcomeCounts)).toEqual([
      { file: 'sessions_share_67.ndjson', state: 'skipped', total: 6, loaded: 0, quarantined: 0, duplicate: 0 },
    ]);
    expect(await totals(engine.db)).toEqual(after);
    expect(existsSync(share60)).toBe(false);
  });

  /**
   * A 2000-row sessions file (gz0001..gz2000, 600 s each, 2026-03-13) gzipped,
   * then broken three ways: the 8-byte gzip trailer (CRC and size) cut off, so
   * every row still inflates; the last 512 bytes cut off; and plain text named .gz.
   * Each is rejected whole with a gzip error and loads nothing; the intact file
   * then loads exactly its 2000 rows (no rows left over from the broken reads).
   * Running: sessions 2022, playtime 14101 + 1,200,000 = 1,214,101, 11 ledger files.
   */
  it('rejects a truncated or corrupt gzip whole with a clear error', async () => {
    const dir = path.join(engine.dir, 'inbox-gz');
    const body = text(Array.from({ length: 2000 }, (_, i) => j(session(`gz${String(i + 1).padStart(4, '0')}`, `G${i % 20}`, '2026-03-13T10:00:00Z'))));
    const gz = gzipSync(body);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'sessions_cut_trailer.ndjson.gz'), gz.subarray(0, gz.length - 8));
    writeFileSync(path.join(dir, 'sessions_cut_512.ndjson.gz'), gz.subarray(0, gz.length - 512));
    writeFileSync(path.join(dir, 'sessions_not_gzip.ndjson.gz'), body.slice(0, 1000));
    const before = await totals(engine.db);

    const out = await ingest([dir]);
    expect(out.map(outcomeCounts)).toEqual([
      { file: 'sessions_cut_512.ndjson.gz', state: 'rejected', total: 0, loaded: 0, quarantined: 0, duplicate: 0 },
      { file: 'sessions_cut_trailer.ndjson.gz', state: 'rejected', total: 0, loaded: 0, quarantined: 0, duplicate: 0 },
      { file: 'sessions_not_gzip.ndjson.gz', state: 'rejected', total: 0, loaded: 0, quarantined: 0, duplicate: 0 },
    ]);
    for (const o of out) expect(o.error).toMatch(/^truncated or corrupt gzip: inflate failed: .*error/);
    const l = await ledger(engine.db);
    for (const o of out) expect(l[o.file]).toMatchObject({ state: 'rejected', rows_total: 0, rows_loaded: 0, error: o.error });
    expect(await storedSessions('gz')).toEqual([]);
    expect(await totals(engine.db)).toEqual({ ...before, ledgerFiles: 10 });

    writeFileSync(path.join(dir, 'sessions_intact.ndjson.gz'), gz);
    expect((await ingest([path.join(dir, 'sessions_intact.ndjson.gz')])).map(outcomeCounts)).toEqual([
      { file: 'sessions_intact.ndjson.gz', state: 'done', total: 2000, loaded: 2000, quarantined: 0, duplicate: 0 },
    ]);
    expect((await dailyByDay(engine.db))['2026-03-13']).toEqual({ sessions: 2000, payments: 0, revenue: '0' });
    expect(await totals(engine.db)).toEqual({ ...before, sessions: 2022, dailySessions: 2022, dailyPlaytime: 1214101, ledgerFiles: 11 });
  });

  /**
   * The staging SQL allows timestamps up to one day ahead of the ingest time
   * (clock skew between game servers); later ones are quarantined. Written
   * relative to now, one hour either side of the limit:
   * sessions: fs1 now+23h loaded, fs2 now+25h and fs3 now+25h as epoch ms
   * quarantined, fs4 now-1h loaded; payments: fp1 now+23h 1.00 loaded, fp2 now+25h quarantined.
   * Running: sessions 2024, payments 18, quarantine 49, 16 payments, revenue 124.99, playtime 1,215,301.
   */
  it('quarantines timestamps more than a day in the future, whatever the host time zone', async () => {
    const H = 3_600_000;
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const SL = [
      j(session('fs1', 'P5', iso(now + 23 * H))),
      j(session('fs2', 'P5', iso(now + 25 * H))),
      j(session('fs3', 'P5', String(now + 25 * H))),
      j(session('fs4', 'P5', iso(now - H))),
    ];
    const PL = [
      j({ event_id: 'fp1', player_id: 'P5', server_id: 's01', ts: iso(now + 23 * H), amount: '1.00' }),
      j({ event_id: 'fp2', player_id: 'P5', server_id: 's01', ts: iso(now + 25 * H), amount: '1.00' }),
    ];
    const sf = writeText(inbox, 'sessions_future.ndjson', text(SL));
    const pf = writeText(inbox, 'payments_future.ndjson', text(PL));
    expect((await ingest([sf, pf])).map(outcomeCounts)).toEqual([
      { file: 'sessions_future.ndjson', state: 'done', total: 4, loaded: 2, quarantined: 2, duplicate: 0 },
      { file: 'payments_future.ndjson', state: 'done', total: 2, loaded: 1, quarantined: 1, duplicate: 0 },
    ]);
    expect(await quarantined(engine.db, 'sessions_future.ndjson')).toEqual([
      q('sessions_future.ndjson', 2, SL[1], 'start is more than a day in the future'),
      q('sessions_future.ndjson', 3, SL[2], 'start is more than a day in the future'),
    ]);
    expect(await quarantined(engine.db, 'payments_future.ndjson')).toEqual([q('payments_future.ndjson', 2, PL[1], 'ts is more than a day in the future')]);
    expect((await storedSessions('fs')).map((r) => r.event_id)).toEqual(['fs4', 'fs1']);
    expect((await storedPayments('fp')).map((r) => r.event_id)).toEqual(['fp1']);
    expect(await totals(engine.db)).toEqual({
      sessions: 2024,
      payments: 18,
      quarantine: 48,
      dailySessions: 2024,
      dailyPayments: 16,
      dailyRevenue: '124.99',
      dailyPlaytime: 1215301,
      ledgerFiles: 13,
    });
  });

  /**
   * Money on 2026-03-20, CURRENCY_RATES=EUR=1.08, base USD. amount is in USD
   * rounded to 4 places, amount_orig as sent.
   * | # | event | player | amount   | currency | amount (USD)               | a payment? |
   * |---|-------|--------|----------|----------|----------------------------|------------|
   * | 1 | m1    | P7     | 5.00     | EUR      | 5.4                        | yes        |
   * | 2 | m2    | P7     | 20.00    | (none)   | 20                         | yes        |
   * | 3 | m3    | P7     | -5.00    | USD      | -5 (refund)                | no         |
   * | 4 | m4    | P7     | -2.50    | EUR      | -2.7 (refund)              | no         |
   * | 5 | m5    | P8     | 9.99     | eur      | 10.7892                    | yes        |
   * | 6 | m6    | P8     | 1.00     | GBP      | quarantined: unknown currency |         |
   * | 7 | m7    | P8     | 0.3333   | EUR      | 0.36 (0.359964 rounded)    | yes        |
   * player_daily 2026-03-20: P7 2 payments, 17.7; P8 2 payments, 11.1492; day 4 payments, 28.8492.
   * Running: payments 24, quarantine 50, 20 payments, revenue 124.99 + 28.8492 = 153.8392.
   */
  it('stores refunds as negative revenue that is not a payment, and converts currencies to the base', async () => {
    const m = (id: string, player: string, hour: number, amount: string, currency?: string) =>
      j({
        event_id: id,
        player_id: player,
        server_id: 's01',
        ts: `2026-03-20T${String(hour).padStart(2, '0')}:00:00Z`,
        amount,
        ...(currency === undefined ? {} : { currency }),
      });
    const L = [
      m('m1', 'P7', 10, '5.00', 'EUR'),
      m('m2', 'P7', 11, '20.00'),
      m('m3', 'P7', 12, '-5.00', 'USD'),
      m('m4', 'P7', 13, '-2.50', 'EUR'),
      m('m5', 'P8', 10, '9.99', 'eur'),
      m('m6', 'P8', 11, '1.00', 'GBP'),
      m('m7', 'P8', 12, '0.3333', 'EUR'),
    ];
    const F = 'payments_money.ndjson';
    const file = writeText(inbox, F, text(L));
    expect((await ingest([file])).map(outcomeCounts)).toEqual([{ file: F, state: 'done', total: 7, loaded: 6, quarantined: 1, duplicate: 0 }]);
    expect(await quarantined(engine.db, F)).toEqual([q(F, 6, L[5], 'unknown currency')]);
    expect((await storedPayments('m')).map((r) => [r.event_id, r.day, r.amount, r.amount_orig, r.currency])).toEqual([
      ['m1', '2026-03-20', '5.4', '5', 'EUR'],
      ['m2', '2026-03-20', '20', '20', 'USD'],
      ['m3', '2026-03-20', '-5', '-5', 'USD'],
      ['m4', '2026-03-20', '-2.7', '-2.5', 'EUR'],
      ['m5', '2026-03-20', '10.7892', '9.99', 'EUR'],
      ['m7', '2026-03-20', '0.36', '0.3333', 'EUR'],
    ]);
    expect(
      await rows(
        engine.db,
        `SELECT player_id, toUInt64(sum(payments)) AS payments, toString(sum(revenue)) AS revenue
         FROM player_daily WHERE day = '2026-03-20' GROUP BY player_id ORDER BY player_id`,
      ),
    ).toEqual([
      { player_id: 'P7', payments: 2, revenue: '17.7' },
      { player_id: 'P8', payments: 2, revenue: '11.1492' },
    ]);
    expect((await dailyByDay(engine.db))['2026-03-20']).toEqual({ sessions: 0, payments: 4, revenue: '28.8492' });
    expect(await totals(engine.db)).toEqual({
      sessions: 2024,
      payments: 24,
      quarantine: 49,
      dailySessions: 2024,
      dailyPayments: 20,
      dailyRevenue: '153.8392',
      dailyPlaytime: 1215301,
      ledgerFiles: 14,
    });
  });
});
