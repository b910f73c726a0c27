import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';
import { ingestOne, ledger, outcomeCounts, quarantineReasons, quarantined, totals } from '../helpers/ingest-state.ts';

/**
 * Conflicting duplicates: an event_id delivered again with another player,
 * amount, currency (payments) or start (sessions) is quarantined; the first
 * delivery (already stored, else the earliest good line of the file) is kept.
 * An exact re-delivery stays a duplicate. Engine: base USD, CURRENCY_RATES=EUR=1.08,
 * INGEST_MAX_BAD_SHARE=0.9. The tests run in order on one engine.
 *
 * | file                  | rows | loaded | quarantined | duplicate | payments | sessions | quarantine |
 * |-----------------------|------|--------|-------------|-----------|----------|----------|------------|
 * | payments_first.ndjson | 9    | 4      | 4           | 1         | 4        | 0        | 4          |
 * | payments_again.ndjson | 6    | 1      | 3           | 2         | 5        | 0        | 7          |
 * | sessions_first.ndjson | 2    | 2      | 0           | 0         | 5        | 2        | 7          |
 * | sessions_again.ndjson | 5    | 1      | 2           | 2         | 5        | 3        | 9          |
 */
let engine: TestEngine;
let inbox: string;
beforeAll(async () => {
  engine = await freshEngine({ CURRENCY_RATES: 'EUR=1.08', INGEST_MAX_BAD_SHARE: '0.9' });
  inbox = path.join(engine.dir, 'inbox');
});
afterAll(() => engine?.cleanup());

const ingest = (file: string) => ingestOne(engine.ingester, file);
const reasons = (file: string) => quarantineReasons(engine.db, file);
const storedPayments = () =>
  rows<{ event_id: string; player_id: string; amount_orig: string; currency: string }>(
    engine.db,
    'SELECT event_id, player_id, toString(amount_orig) AS amount_orig, toString(currency) AS currency FROM payments ORDER BY event_id',
  );
const storedSessions = () =>
  rows<{ event_id: string; player_id: string; start: string }>(
    engine.db,
    'SELECT event_id, player_id, toString(start) AS start FROM sessions ORDER BY event_id',
  );

const T = '2026-03-10T10:00:00Z';

describe('ingest quarantines conflicting duplicates and keeps the first delivery', () => {
  it('within one file: the earliest good line wins, later lines with other values are quarantined', async () => {
    const file = writeNdjson(inbox, 'payments_first.ndjson', [
      payment('c1', 'P1', T, '9.99'),
      payment('c2', 'P1', T, '5'),
      payment('c1', 'P2', T, '9.99'),
      payment('c2', 'P1', T, '6'),
      payment('c1', 'P1', T, '9.990'),
      payment('c3', 'P1', T, '1'),
      payment('c3', 'P1', T, '1', { currency: 'EUR' }),
      // A bad line is no first delivery: the good one after it is.
      payment('c4', 'P1', 'yesterday', '2'),
      payment('c4', 'P1', T, '3'),
    ]);
    expect(outcomeCounts(await ingest(file))).toEqual({ file: 'payments_first.ndjson', state: 'done', total: 9, loaded: 4, quarantined: 4, duplicate: 1 });
    expect(await reasons('payments_first.ndjson')).toEqual([
      [3, 'conflicting duplicate: different player_id'],
      [4, 'conflicting duplicate: different amount'],
      [7, 'conflicting duplicate: different currency'],
      [8, 'ts is not ISO-8601 with an offset or epoch milliseconds'],
    ]);
    const [q3] = await quarantined(engine.db, 'payments_first.ndjson');
    expect(JSON.parse(q3.raw)).toEqual({
      event_id: 'c1',
      player_id: 'P2',
      server_id: 's01',
      ts: '2026-03-10T10:00:00.000Z',
      amount: '9.99',
      currency: 'USD',
      sku: '',
      channel: '',
    });
    expect(await storedPayments()).toEqual([
      { event_id: 'c1', player_id: 'P1', amount_orig: '9.99', currency: 'USD' },
      { event_id: 'c2', player_id: 'P1', amount_orig: '5', currency: 'USD' },
      { event_id: 'c3', player_id: 'P1', amount_orig: '1', currency: 'USD' },
      { event_id: 'c4', player_id: 'P1', amount_orig: '3', currency: 'USD' },
    ]);
  });

  it('across files and runs: the stored event wins over every line of a later file', async () => {
    const file = writeNdjson(inbox, 'payments_again.ndjson', [
      payment('c1', 'P3', T, '9.99'),
      payment('c1', 'P1', T, '9.99'),
      payment('c2', 'P1', T, '5.0000'),
      payment('c2', 'P1', T, '-5'),
      payment('c4', 'P1', T, '2'),
      payment('c5', 'P1', T, '7'),
    ]);
    expect(outcomeCounts(await ingest(file))).toEqual({ file: 'payments_again.ndjson', state: 'done', total: 6, loaded: 1, quarantined: 3, duplicate: 2 });
    expect(await reasons('payments_again.ndjson')).toEqual([
      [1, 'conflicting duplicate: different player_id'],
      [4, 'conflicting duplicate: different amount'],
      [5, 'conflicting duplicate: different amount'],
    ]);
    expect((await storedPayments()).map((p) => [p.event_id, p.player_id, p.amount_orig])).toEqual([
      ['c1', 'P1', '9.99'],
      ['c2', 'P1', '5'],
      ['c3', 'P1', '1'],
      ['c4', 'P1', '3'],
      ['c5', 'P1', '7'],
    ]);
    expect(await totals(engine.db)).toMatchObject({ payments: 5, quarantine: 7, dailyPayments: 5, dailyRevenue: '25.99' });
  });

  it('sessions conflict on another player or start; the same instant written otherwise is the same session', async () => {
    const first = writeNdjson(inbox, 'sessions_first.ndjson', [session('s1', 'P1', T), session('s2', 'P1', '2026-03-10T12:00:00Z')]);
    expect(outcomeCounts(await ingest(first))).toMatchObject({ state: 'done', total: 2, loaded: 2 });
    const again = writeNdjson(inbox, 'sessions_again.ndjson', [
      session('s1', 'P2', T),
      session('s1', 'P1', '2026-03-10T11:00:00Z'),
      session('s1', 'P1', String(Date.parse(T))),
      session('s2', 'P1', '2026-03-10T20:00:00+08:00'),
      session('s3', 'P1', T),
    ]);
    expect(outcomeCounts(await ingest(again))).toEqual({ file: 'sessions_again.ndjson', state: 'done', total: 5, loaded: 1, quarantined: 2, duplicate: 2 });
    expect(await reasons('sessions_again.ndjson')).toEqual([
      [1, 'conflicting duplicate: different player_id'],
      [2, 'conflicting duplicate: different start'],
    ]);
    expect(await storedSessions()).toEqual([
      { event_id: 's1', player_id: 'P1', start: '2026-03-10 10:00:00.000' },
      { event_id: 's2', player_id: 'P1', start: '2026-03-10 12:00:00.000' },
      { event_id: 's3', player_id: 'P1', start: '2026-03-10 10:00:00.000' },
    ]);
    expect(await totals(engine.db)).toMatchObject({ sessions: 3, payments: 5, quarantine: 9, dailySessions: 3 });
  });

  it('keeps the ledger counts adding up to the rows of each file', async () => {
    const files = Object.values(await ledger(engine.db));
    expect(files).toHaveLength(4);
    for (const f of files) expect(f.rows_loaded + f.rows_quarantined + f.rows_duplicate).toBe(f.rows_total);
  });
});
