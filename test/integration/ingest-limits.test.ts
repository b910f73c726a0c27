import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { rows } from '../../server/db/query.ts';
import { Ingester } from '../../server/ingest/ingestRun.ts';
import { ingestSettings } from '../../server/ingestDefaults.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';
import { ingestOne, outcomeCounts, quarantineReasons, quarantined } from '../helpers/ingest-state.ts';

/**
 * The game's plausibility limits: a row beyond one is quarantined with a
 * reason that names the limit and its configured value. Engine: base currency
 * USD, CURRENCY_RATES=EUR=1.08, INGEST_MAX_BAD_SHARE=0.9 (the files are mostly bad rows), default limits (10000 USD, 24 h, level 10000);
 * the last test ingests with limits read from other settings. All on 2026-03-10 UTC.
 */
let engine: TestEngine;
let inbox: string;
beforeAll(async () => {
  engine = await freshEngine({ CURRENCY_RATES: 'EUR=1.08', INGEST_MAX_BAD_SHARE: '0.9' });
  inbox = path.join(engine.dir, 'inbox');
});
afterAll(() => engine?.cleanup());

const ingest = ingestOne;
const reasons = (file: string) => quarantineReasons(engine.db, file);
const storedIds = async (table: 'sessions' | 'payments', prefix: string) =>
  (await rows<{ event_id: string }>(engine.db, `SELECT event_id FROM ${table} WHERE startsWith(event_id, {p:String}) ORDER BY event_id`, { p: prefix })).map(
    (r) => r.event_id,
  );

const T = '2026-03-10T10:00:00Z';

describe('ingest quarantines rows beyond the game limits', () => {
  it('compares payments with the largest single payment in the base currency, as Decimal, refunds too', async () => {
    const file = writeNdjson(inbox, 'payments_limits.ndjson', [
      payment('pl1', 'P1', T, '10000'),
      payment('pl2', 'P1', T, '10000.0001'),
      payment('pl3', 'P1', T, '-10000.0001'),
      payment('pl4', 'P1', T, '-10000'),
      // 9300 EUR is 10044 USD: over, though the amount as sent is under the limit.
      payment('pl5', 'P2', T, '9300', { currency: 'EUR' }),
      payment('pl6', 'P2', T, '9259.2592', { currency: 'EUR' }),
      payment('pl7', 'P2', T, '99999999999999'),
    ]);
    expect(outcomeCounts(await ingest(engine.ingester, file))).toEqual({
      file: 'payments_limits.ndjson',
      state: 'done',
      total: 7,
      loaded: 3,
      quarantined: 4,
      duplicate: 0,
    });
    expect(await reasons('payments_limits.ndjson')).toEqual([
      [2, 'amount is above the largest single payment (10000 USD)'],
      [3, 'refund is above the largest single payment (10000 USD)'],
      [5, 'amount is above the largest single payment (10000 USD)'],
      [7, 'amount is above the largest single payment (10000 USD)'],
    ]);
    expect(await storedIds('payments', 'pl')).toEqual(['pl1', 'pl4', 'pl6']);
    const [q] = await quarantined(engine.db, 'payments_limits.ndjson');
    expect(JSON.parse(q.raw)).toMatchObject({ event_id: 'pl2', amount: '10000.0001' });
  });

  it('quarantines sessions longer than the longest session and levels above the highest, keeping the 65535 bound', async () => {
    const file = writeNdjson(inbox, 'sessions_limits.ndjson', [
      session('sl1', 'P1', T, { duration_s: 86_400, level: 10_000 }),
      session('sl2', 'P1', T, { duration_s: 86_401 }),
      session('sl3', 'P1', T, { duration_s: undefined, end: '2026-03-11T11:00:00Z' }),
      session('sl4', 'P1', T, { level: 10_001 }),
      session('sl5', 'P1', T, { level: 65_536 }),
      session('sl6', 'P1', T, { duration_s: 99_999_999_999 }),
    ]);
    expect(outcomeCounts(await ingest(engine.ingester, file))).toEqual({
      file: 'sessions_limits.ndjson',
      state: 'done',
      total: 6,
      loaded: 1,
      quarantined: 5,
      duplicate: 0,
    });
    expect(await reasons('sessions_limits.ndjson')).toEqual([
      [2, 'duration is above the longest session (86400 s)'],
      [3, 'duration is above the longest session (86400 s)'],
      [4, 'level is above the highest level (10000)'],
      [5, 'level is not an integer 0..65535'],
      [6, 'duration_s is not an integer'],
    ]);
    expect(await storedIds('sessions', 'sl')).toEqual(['sl1']);
  });

  it('takes the limits from the configuration', async () => {
    const cfg = loadConfig({
      DATA_DIR: path.join(engine.dir, 'data'),
      DEMO: 'off',
      CURRENCY_RATES: 'EUR=1.08',
      INGEST_MAX_BAD_SHARE: '0.9',
      INGEST_MAX_PAYMENT: '50.5',
      INGEST_MAX_SESSION_HOURS: '1',
      INGEST_MAX_LEVEL: '100',
    } as NodeJS.ProcessEnv);
    const strict = new Ingester(engine.db, ingestSettings(cfg));
    const pays = writeNdjson(inbox, 'payments_strict.ndjson', [
      payment('ps1', 'P3', T, '50.5'),
      payment('ps2', 'P3', T, '50.51'),
      payment('ps3', 'P3', T, '47', { currency: 'EUR' }),
    ]);
    expect(outcomeCounts(await ingest(strict, pays))).toMatchObject({ total: 3, loaded: 1, quarantined: 2 });
    expect(await reasons('payments_strict.ndjson')).toEqual([
      [2, 'amount is above the largest single payment (50.5 USD)'],
      [3, 'amount is above the largest single payment (50.5 USD)'],
    ]);
    const sess = writeNdjson(inbox, 'sessions_strict.ndjson', [
      session('ss1', 'P3', T, { duration_s: 3600, level: 100 }),
      session('ss2', 'P3', T, { duration_s: 3601 }),
      session('ss3', 'P3', T, { level: 101 }),
    ]);
    expect(outcomeCounts(await ingest(strict, sess))).toMatchObject({ total: 3, loaded: 1, quarantined: 2 });
    expect(await reasons('sessions_strict.ndjson')).toEqual([
      [2, 'duration is above the longest session (3600 s)'],
      [3, 'level is above the highest level (100)'],
    ]);
    expect(await storedIds('payments', 'ps')).toEqual(['ps1']);
    expect(await storedIds('sessions', 'ss')).toEqual(['ss1']);
  });
});
