import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { writeNdjson } from '../helpers/files.ts';
import { ingestOne, outcomeCounts, quarantineReasons } from '../helpers/ingest-state.ts';

/**
 * Property-based ingest: random valid rows load exactly (the stored rows are
 * the generated ones, amounts compared as exact decimals); random corruptions,
 * conflicting duplicates and exact re-deliveries mixed in at random places are
 * quarantined with the right reason or counted as duplicates; and loaded +
 * quarantined + duplicate always equals the non-blank lines of the file.
 *
 * One engine for the whole file (default limits, CURRENCY_RATES=EUR=1.08,
 * INGEST_MAX_BAD_SHARE=1 so no file is rejected whole). Each run writes its own
 * file and gives its events and players a prefix of their own, so runs never
 * see each other's rows; every check is restricted to that prefix and file.
 */
let engine: TestEngine;
let inbox: string;
beforeAll(async () => {
  engine = await freshEngine({ CURRENCY_RATES: 'EUR=1.08', INGEST_MAX_BAD_SHARE: '1' });
  inbox = path.join(engine.dir, 'inbox');
});
afterAll(() => engine?.cleanup());

// Modest: every run is a real ingest of one file, on a machine shared with others.
const RUNS = 20;
let runNo = 0;

type Kind = 'payments' | 'sessions';
type Row = Record<string, string | number>;
/** A line of the file: a row (written as JSON) or raw text, with what the ingester must make of it. */
interface Line {
  text: Row | string;
  expect: { loaded: Row } | { reason: string } | 'duplicate' | 'blank';
}

// ---- exact decimals: amounts as scaled BigInts, printed the way the engine prints a Decimal.
const SCALE = 10_000n;
function scaled(amount: string): bigint {
  const [int, frac = ''] = amount.replace('-', '').split('.');
  const v = BigInt(int) * SCALE + BigInt(frac.padEnd(4, '0'));
  return amount.startsWith('-') ? -v : v;
}
function decimalText(v: bigint): string {
  const abs = v < 0n ? -v : v;
  const frac = String(abs % SCALE)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${v < 0n ? '-' : ''}${abs / SCALE}${frac ? `.${frac}` : ''}`;
}

// ---- valid rows
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2026, 2, 1);
const instant = fc.integer({ min: FROM, max: TO });
/** One instant written as ISO UTC, ISO with a +08:00 offset, or epoch milliseconds. */
const timeText = (ms: number, style: number): string | number => {
  if (style === 0) return new Date(ms).toISOString();
  if (style === 1) return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 23)}+08:00`;
  return String(ms);
};
const amountText = fc
  .record({ neg: fc.boolean(), int: fc.integer({ min: 0, max: 9000 }), frac: fc.integer({ min: 0, max: 9999 }), digits: fc.integer({ min: 0, max: 4 }) })
  .map(({ neg, int, frac, digits }) => `${neg ? '-' : ''}${int}${digits ? `.${String(frac).padStart(4, '0').slice(0, digits)}` : ''}`);

interface Gen {
  player: number;
  at: number;
  style: number;
  amount: string;
  eur: boolean;
  duration: number;
  level: number | null;
}
const genRow = fc.record({
  player: fc.integer({ min: 0, max: 5 }),
  at: instant,
  style: fc.integer({ min: 0, max: 2 }),
  amount: amountText,
  eur: fc.boolean(),
  duration: fc.integer({ min: 0, max: 86_400 }),
  level: fc.option(fc.integer({ min: 0, max: 10_000 })),
});

function validRow(kind: Kind, g: Gen, id: string, prefix: string): Row {
  const base = { event_id: id, player_id: `${prefix}P${g.player}`, server_id: 's01' };
  if (kind === 'payments') return { ...base, ts: timeText(g.at, g.style), amount: g.amount, ...(g.eur ? { currency: 'EUR' } : {}) };
  return { ...base, start: timeText(g.at, g.style), duration_s: g.duration, ...(g.level === null ? {} : { level: g.level }) };
}

// ---- corruptions: each turns a valid row into a line with exactly one defect and the reason the quarantine must show.
type Corrupt = (row: Row) => { text: Row | string; reason: string };
const without = (row: Row, field: string) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== field));
const time = (kind: Kind) => (kind === 'payments' ? 'ts' : 'start');
const common = (kind: Kind): Corrupt[] => [
  (r) => ({ text: JSON.stringify(r).slice(0, -1), reason: 'unparsable JSON' }),
  ...['event_id', 'player_id', 'server_id', time(kind)].map(
    (f): Corrupt =>
      (r) => ({ text: without(r, f), reason: `missing ${f}` }),
  ),
  (r) => ({ text: { ...r, [time(kind)]: '2026-03-10 10:00:00' }, reason: `${time(kind)} is not ISO-8601 with an offset or epoch milliseconds` }),
  (r) => ({ text: { ...r, [time(kind)]: '2099-01-01T00:00:00Z' }, reason: `${time(kind)} is more than a day in the future` }),
];
const CORRUPTIONS: Record<Kind, Corrupt[]> = {
  payments: [
    ...common('payments'),
    (r) => ({ text: without(r, 'amount'), reason: 'missing amount' }),
    (r) => ({ text: { ...r, amount: '12,50' }, reason: 'amount is not a decimal number' }),
    (r) => ({ text: { ...r, currency: 'XYZ' }, reason: 'unknown currency' }),
    (r) => ({ text: { ...r, amount: '10000.0001', currency: 'USD' }, reason: 'amount is above the largest single payment (10000 USD)' }),
    (r) => ({ text: { ...r, amount: '9300', currency: 'EUR' }, reason: 'amount is above the largest single payment (10000 USD)' }),
    (r) => ({ text: { ...r, amount: '-25000', currency: 'USD' }, reason: 'refund is above the largest single payment (10000 USD)' }),
  ],
  sessions: [
    ...common('sessions'),
    (r) => ({ text: without(r, 'duration_s'), reason: 'missing end or duration_s' }),
    (r) => ({ text: { ...r, duration_s: -5 }, reason: 'negative duration' }),
    (r) => ({ text: { ...r, duration_s: 86_401 }, reason: 'duration is above the longest session (86400 s)' }),
    (r) => ({ text: { ...r, level: 10_001 }, reason: 'level is above the highest level (10000)' }),
    (r) => ({ text: { ...r, level: 70_000 }, reason: 'level is not an integer 0..65535' }),
  ],
};

const epochOf = (t: string | number) => (/^\d+$/.test(String(t)) ? Number(t) : Date.parse(String(t)));

/** Re-deliveries of an earlier valid row: the same again, or the same event_id with another player or value. */
const REPEATS: Record<Kind, ((r: Row) => Line)[]> = {
  payments: [
    (r) => ({ text: r, expect: 'duplicate' }),
    (r) => ({ text: { ...r, player_id: `${r.player_id}x` }, expect: { reason: 'conflicting duplicate: different player_id' } }),
    (r) => ({ text: { ...r, amount: decimalText(scaled(String(r.amount)) + 1n) }, expect: { reason: 'conflicting duplicate: different amount' } }),
  ],
  sessions: [
    (r) => ({ text: r, expect: 'duplicate' }),
    (r) => ({ text: { ...r, player_id: `${r.player_id}x` }, expect: { reason: 'conflicting duplicate: different player_id' } }),
    (r) => ({ text: { ...r, start: new Date(epochOf(r.start) + 3_600_000).toISOString() }, expect: { reason: 'conflicting duplicate: different start' } }),
  ],
};

/** An extra line: a corruption of a fresh row, a repeat of an earlier valid row, or a blank line; `at` places it. */
const extra = fc.record({ what: fc.integer({ min: 0, max: 2 }), pick: fc.nat(), source: fc.nat(), at: fc.nat(), row: genRow });
type Extra = { what: number; pick: number; source: number; at: number; row: Gen };

/** Builds the file's lines: valid rows in order, extras inserted at random places (a repeat always after its source). */
function buildLines(kind: Kind, prefix: string, valid: Gen[], extras: Extra[]): Line[] {
  const lines: Line[] = valid.map((g, i) => {
    const row = validRow(kind, g, `${prefix}e${i}`, prefix);
    return { text: row, expect: { loaded: row } };
  });
  const sources = [...lines];
  extras.forEach((x, j) => {
    let line: Line;
    let from = 0;
    if (x.what === 0) {
      const c = CORRUPTIONS[kind][x.pick % CORRUPTIONS[kind].length](validRow(kind, x.row, `${prefix}x${j}`, prefix));
      line = { text: c.text, expect: { reason: c.reason } };
    } else if (x.what === 1) {
      const src = sources[x.source % sources.length];
      line = REPEATS[kind][x.pick % REPEATS[kind].length](src.text as Row);
      from = lines.indexOf(src) + 1;
    } else {
      line = { text: x.pick % 2 ? '' : ' \t ', expect: 'blank' };
    }
    lines.splice(from + (x.at % (lines.length - from + 1)), 0, line);
  });
  return lines;
}

/** Valid rows only (a CSV has no broken-JSON line): a header of every field the generator uses, absent optional fields empty. */
const CSV_FIELDS: Record<Kind, string[]> = {
  payments: ['event_id', 'player_id', 'server_id', 'ts', 'amount', 'currency'],
  sessions: ['event_id', 'player_id', 'server_id', 'start', 'duration_s', 'level'],
};
function writeFile(kind: Kind, name: string, lines: Line[], csv: boolean, gzip: boolean): string {
  if (!csv)
    return writeNdjson(
      inbox,
      name,
      lines.map((l) => l.text),
    );
  const body = lines.map((l) => CSV_FIELDS[kind].map((f) => (l.text as Row)[f] ?? '').join(','));
  const text = `${[CSV_FIELDS[kind].join(','), ...body].join('\n')}\n`;
  const file = path.join(inbox, name);
  mkdirSync(inbox, { recursive: true });
  writeFileSync(file, gzip ? gzipSync(text) : text);
  return file;
}

interface Stored {
  event_id: string;
  player_id: string;
  value: string;
}
/** The stored rows of a run, with the field the kind is about: amount as sent and currency, or start, duration and level. */
async function storedRows(kind: Kind, prefix: string): Promise<Stored[]> {
  const value =
    kind === 'payments'
      ? `concat(toString(amount_orig), ' ', toString(currency))`
      : `concat(toString(toUnixTimestamp64Milli(start)), ' ', toString(duration_s), ' ', toString(level))`;
  return rows<Stored>(engine.db, `SELECT event_id, player_id, ${value} AS value FROM ${kind} WHERE startsWith(event_id, {p:String}) ORDER BY event_id`, {
    p: prefix,
  });
}
const expectedValue = (kind: Kind, r: Row) =>
  kind === 'payments' ? `${decimalText(scaled(String(r.amount)))} ${r.currency ?? 'USD'}` : `${epochOf(r.start)} ${r.duration_s} ${r.level ?? 0}`;

async function checkRun(kind: Kind, valid: Gen[], extras: Extra[], gzip: boolean, csv = false) {
  const prefix = `r${++runNo}-`;
  const lines = buildLines(kind, prefix, valid, extras);
  const name = `${kind}_run${runNo}.${csv ? 'csv' : 'ndjson'}${gzip ? '.gz' : ''}`;
  const file = writeFile(kind, name, lines, csv, gzip);
  const outcome = await ingestOne(engine.ingester, file);

  const count = (p: (l: Line) => boolean) => lines.filter(p).length;
  const nonBlank = count((l) => l.expect !== 'blank');
  const loaded = lines.flatMap((l) => (typeof l.expect === 'object' && 'loaded' in l.expect ? [l.expect.loaded] : []));
  // A CSV's line 1 is its header.
  const reasons = lines.flatMap((l, i) => (typeof l.expect === 'object' && 'reason' in l.expect ? [[i + (csv ? 2 : 1), l.expect.reason]] : []));
  expect(outcomeCounts(outcome)).toEqual({
    file: name,
    state: 'done',
    total: nonBlank,
    loaded: loaded.length,
    quarantined: reasons.length,
    duplicate: count((l) => l.expect === 'duplicate'),
  });
  expect(outcome.rowsLoaded + outcome.rowsQuarantined + outcome.rowsDuplicate).toBe(nonBlank);
  expect(await quarantineReasons(engine.db, name)).toEqual(reasons);
  const want = loaded
    .map((r) => ({ event_id: String(r.event_id), player_id: String(r.player_id), value: expectedValue(kind, r) }))
    .sort((a, b) => (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0));
  expect(await storedRows(kind, prefix)).toEqual(want);
  if (kind === 'payments') {
    // The sum as the engine adds Decimals, against the exact sum of the generated amounts (EUR kept as sent).
    const [sum] = await rows<{ s: string }>(engine.db, `SELECT toString(sum(amount_orig)) AS s FROM payments WHERE startsWith(event_id, {p:String})`, {
      p: prefix,
    });
    expect(sum.s).toBe(decimalText(loaded.reduce((acc, r) => acc + scaled(String(r.amount)), 0n)));
  }
}

const kindArb = fc.constantFrom<Kind>('payments', 'sessions');

describe('ingest properties', () => {
  it('loads random valid rows exactly, from NDJSON or CSV', async () => {
    await fc.assert(
      fc.asyncProperty(kindArb, fc.array(genRow, { minLength: 1, maxLength: 30 }), fc.boolean(), fc.boolean(), async (kind, valid, gzip, csv) =>
        checkRun(kind, valid, [], gzip, csv),
      ),
      { numRuns: RUNS },
    );
  });

  it('quarantines random corruptions and conflicting duplicates with their reason; the counts always add up', async () => {
    await fc.assert(
      fc.asyncProperty(
        kindArb,
        fc.array(genRow, { minLength: 1, maxLength: 15 }),
        fc.array(extra, { minLength: 1, maxLength: 15 }),
        fc.boolean(),
        async (kind, valid, extras, gzip) => checkRun(kind, valid, extras, gzip),
      ),
      { numRuns: RUNS },
    );
  });
});
