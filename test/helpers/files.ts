import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Writes NDJSON rows (objects, or raw strings for deliberately broken lines) to dir/name, gzipped for .gz names. */
export function writeNdjson(dir: string, name: string, rows: (object | string)[]): string {
  mkdirSync(dir, { recursive: true });
  const text = `${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`;
  const file = path.join(dir, name);
  writeFileSync(file, name.endsWith('.gz') ? gzipSync(text) : text);
  return file;
}

export function writeText(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

export const session = (id: string, player: string, start: string, extra: Record<string, unknown> = {}) => ({
  event_id: id,
  player_id: player,
  server_id: 's01',
  start,
  duration_s: 600,
  ...extra,
});

export const payment = (id: string, player: string, ts: string, amount: string | number, extra: Record<string, unknown> = {}) => ({
  event_id: id,
  player_id: player,
  server_id: 's01',
  ts,
  amount,
  ...extra,
});
