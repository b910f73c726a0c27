import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobTable } from '../../jobs/schedule.ts';
import { one } from '../../server/db/query.ts';
import { createLogger, type LogFields } from '../../server/log.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { payment } from '../helpers/files.ts';
import { ledger } from '../helpers/ingest-state.ts';

/**
 * "A file written slowly across two scheduled runs is loaded once and whole." A writer appends a payments
 * file line by line (each line in two writes) for as long as the first run lasts, so the file grows during
 * that run's whole settle wait (1 s here); the run must leave it alone. The next run, after the writer
 * stopped, loads and archives it. Files under temporary and hidden names wait in the inbox throughout, never loaded.
 */
const NAME = 'payments_slow.ndjson';
const PAUSE_MS = 20;

let engine: TestEngine;
let inbox: string;
const logged: LogFields[] = [];
beforeAll(async () => {
  engine = await freshEngine({ INGEST_SETTLE_SECONDS: '1' });
  engine.log = createLogger({ json: true, write: (line) => void logged.push(JSON.parse(line)) });
  inbox = engine.cfg.inboxDir;
  mkdirSync(inbox, { recursive: true });
});
afterAll(() => engine?.cleanup());

/** One firing of the scheduled ingest job, as the registry runs it. */
const tick = () =>
  jobTable(engine.cfg)
    .find((j) => j.name === 'ingest')!
    .run(engine);

/** Appends payment lines to `file` while `writing.on`, then `tail` more; resolves with the lines written. */
async function slowWriter(file: string, writing: { on: boolean }, tail: number): Promise<string[]> {
  const lines: string[] = [];
  let left = tail;
  while (writing.on || left-- > 0) {
    const i = lines.length;
    const line = JSON.stringify(payment(`slow-${i}`, `P${i % 7}`, '2026-03-10T12:00:00Z', ((99 + ((i * 137) % 10_000)) / 100).toFixed(2)));
    const cut = Math.floor(line.length / 2);
    appendFileSync(file, line.slice(0, cut));
    await sleep(PAUSE_MS);
    appendFileSync(file, `${line.slice(cut)}\n`);
    lines.push(line);
    await sleep(PAUSE_MS);
  }
  return lines;
}

const archived = (dir = engine.cfg.archiveDir): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? archived(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    : [];

interface Figures {
  rows: number;
  ids: number;
  /** The sum of amounts, in cents. */
  cents: number;
}

/** The raw payments table's figures. */
async function stored(): Promise<Figures> {
  const r = await one<Record<string, string>>(
    engine.db,
    `SELECT toUInt64(count()) AS rows, toUInt64(uniqExact(event_id)) AS ids, toInt64(sum(amount) * 100) AS cents FROM payments`,
  );
  return { rows: Number(r?.rows), ids: Number(r?.ids), cents: Number(r?.cents) };
}
/** The same figures counted in an NDJSON payments file's text. */
function fileFigures(text: string): Figures {
  const rows = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { event_id: string; amount: string });
  return { rows: rows.length, ids: new Set(rows.map((r) => r.event_id)).size, cents: rows.reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0) };
}

const jobLines = () => logged.filter((l) => String(l.msg).startsWith('ingest:'));

describe('a file still being written', () => {
  it('is left in the inbox by the run that sees it grow, then loaded whole and archived once by the next', { timeout: 120_000 }, async () => {
    const waiting = ['.payments_hidden.ndjson', 'payments_next.ndjson.part', 'sessions_next.csv.TMP'];
    for (const n of waiting) writeFileSync(path.join(inbox, n), `${JSON.stringify(payment(`w-${n}`, 'P1', '2026-03-10T12:00:00Z', '1.00'))}\n`);
    const file = path.join(inbox, NAME);
    writeFileSync(file, '');

    const writing = { on: true };
    const writer = slowWriter(file, writing, 5);
    await tick();
    writing.on = false;
    expect(jobLines()).toEqual([expect.objectContaining({ msg: 'ingest: files still being written, left in the inbox for the next tick', files: [NAME] })]);
    expect(await stored()).toEqual({ rows: 0, ids: 0, cents: 0 });
    expect(await ledger(engine.db)).toEqual({});
    expect(existsSync(file)).toBe(true);
    expect(archived()).toEqual([]);

    const lines = await writer;
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(`${lines.join('\n')}\n`);
    logged.length = 0;
    await tick();

    expect(await stored()).toEqual(fileFigures(text));
    expect(await ledger(engine.db)).toEqual({ [NAME]: expect.objectContaining({ state: 'done', rows_total: lines.length, rows_loaded: lines.length }) });
    expect(jobLines()).toEqual([expect.objectContaining({ msg: 'ingest: inbox loaded', files: 1, rowsLoaded: lines.length, rowsQuarantined: 0 })]);
    const copies = archived();
    expect(copies.map((c) => path.basename(c))).toEqual([NAME]);
    expect(readFileSync(copies[0], 'utf8')).toBe(text);
    expect(readdirSync(inbox).sort()).toEqual(waiting);
  });
});
