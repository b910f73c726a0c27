/**
 * Turns simulated events into contract rows (NDJSON or CSV, optionally gzip)
 * and builds the deliberately malformed rows an ingester must quarantine.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline, finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import type { Random } from './random.ts';

export type FileKind = 'sessions' | 'payments';
export type Format = 'ndjson' | 'csv';

export const COLUMNS: Record<FileKind, readonly string[]> = {
  sessions: ['event_id', 'player_id', 'server_id', 'start', 'duration_s', 'end', 'level', 'platform', 'channel'],
  payments: ['event_id', 'player_id', 'server_id', 'ts', 'amount', 'currency', 'sku', 'channel'],
};

/** One output row before serialisation; undefined = key omitted (NDJSON) or empty cell (CSV). */
export type Row = Record<string, string | number | undefined>;

/** Offsets (minutes) used for a few ISO timestamps, so ingesters must honour the offset, not just "Z". */
const OFFSETS = [480, -300, 330];

export function isoWithOffset(ms: number, offsetMin: number): string {
  if (offsetMin === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${offsetMin < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** Mostly ISO with Z; ~5% epoch milliseconds; ~3% ISO with a non-zero offset. */
export function timestamp(ms: number, rng: Random): string | number {
  const r = rng.next();
  if (r < 0.05) return ms;
  if (r < 0.08) return isoWithOffset(ms, rng.pick(OFFSETS));
  return new Date(ms).toISOString();
}

/** Cents to a decimal string with exactly two decimals; never goes through float rounding. */
export function formatCents(cents: number): string {
  const abs = Math.abs(cents);
  const frac = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${frac}`;
}

function csvCell(v: string | number | undefined): string {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Serialises a row. `amount` holds a decimal string and is written as a bare JSON
 * number, so the text in the file is exactly the decimal (no float formatting).
 */
export function serialize(row: Row, kind: FileKind, format: Format): string {
  if (format === 'csv') return COLUMNS[kind].map((c) => csvCell(row[c])).join(',');
  const parts: string[] = [];
  for (const c of COLUMNS[kind]) {
    const v = row[c];
    if (v === undefined) continue;
    const text = c === 'amount' && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? v : JSON.stringify(v);
    parts.push(`"${c}":${text}`);
  }
  return `{${parts.join(',')}}`;
}

export function header(kind: FileKind, format: Format): string {
  return format === 'csv' ? `${COLUMNS[kind].join(',')}\n` : '';
}

export const MALFORMED_KINDS: Record<FileKind, readonly string[]> = {
  sessions: ['not_parseable', 'missing_player', 'negative_duration', 'future_ts', 'naive_ts'],
  payments: ['not_parseable', 'missing_player', 'bad_amount', 'future_ts', 'unknown_currency', 'naive_ts'],
};

/** Breaks one otherwise valid row in the way `kind` says; returns the line to write. */
export function breakRow(good: Row, kind: string, file: FileKind, format: Format, nowMs: number, rng: Random): string {
  const row: Row = { ...good };
  const tsKey = file === 'sessions' ? 'start' : 'ts';
  const tsMs = typeof row[tsKey] === 'number' ? (row[tsKey] as number) : Date.parse(String(row[tsKey]));
  switch (kind) {
    case 'not_parseable': {
      const line = serialize(row, file, format);
      if (format === 'ndjson') return line.slice(0, Math.floor(line.length / 2)); // truncated write
      return rng.chance(0.5) ? line.split(',').slice(0, 3).join(',') : `### corrupted block ${row.event_id} ###`;
    }
    case 'missing_player':
      row.player_id = undefined;
      break;
    case 'negative_duration':
      row.duration_s = -rng.int(1, 3600);
      row.end = undefined;
      break;
    case 'future_ts':
      // The only bytes that depend on the wall clock.
      row[tsKey] = new Date(nowMs + 3 * 86_400_000).toISOString();
      if (file === 'sessions' && row.end !== undefined) row.end = undefined;
      if (file === 'sessions') row.duration_s = Math.abs(Number(row.duration_s ?? 600));
      break;
    case 'naive_ts':
      row[tsKey] = new Date(tsMs).toISOString().slice(0, 19).replace('T', ' ');
      break;
    case 'bad_amount':
      row.amount = 'abc';
      break;
    case 'unknown_currency':
      row.currency = 'XXX';
      break;
    default:
      throw new Error(`unknown malformed kind ${kind}`);
  }
  return serialize(row, file, format);
}

/** A streamed output file; write() respects back-pressure so memory stays bounded. */
export class OutFile {
  private readonly sink: Writable;
  private readonly done: Promise<void>;

  constructor(
    readonly path: string,
    gzip: boolean,
  ) {
    const file = createWriteStream(path);
    if (gzip) {
      // Node writes mtime 0 in the gzip header, so compressed bytes stay deterministic.
      const gz = createGzip();
      this.sink = gz;
      this.done = pipeline(gz, file);
    } else {
      this.sink = file;
      this.done = finished(file);
    }
    this.done.catch(() => {}); // surfaced by close()
  }

  async write(chunk: string): Promise<void> {
    if (chunk.length === 0) return;
    if (!this.sink.write(chunk)) await Promise.race([once(this.sink, 'drain'), this.done]);
  }

  async close(): Promise<void> {
    this.sink.end();
    await this.done;
  }
}
