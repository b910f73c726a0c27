import type { RangeQuery } from '../../contract/overview.ts';
import { addDays } from '../days.ts';
import { invalid } from '../domainError.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SERVER = /^[\w.:-]{0,64}$/;

export function queryString(q: Record<string, unknown>, name: string): string | undefined {
  const v = q[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw invalid(`${name} must be given once, as text`);
  return v;
}

/** Reads ?server (empty = all servers). */
export function parseServer(q: Record<string, unknown>): string {
  const server = queryString(q, 'server') ?? '';
  if (!SERVER.test(server)) throw invalid('server must be a server id (letters, digits, _ . : -)');
  return server;
}

/** Reads a whole number in [min, max], or the fallback when absent. */
export function parseWhole(q: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = queryString(q, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw invalid(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** Reads a value that must be one of a fixed list. */
export function parseChoice<T extends string>(q: Record<string, unknown>, name: string, choices: readonly T[], fallback?: T): T {
  const raw = queryString(q, name);
  if (raw === undefined && fallback !== undefined) return fallback;
  if (raw === undefined) throw invalid(`${name} is required (one of ${choices.join(', ')})`);
  if (!choices.includes(raw as T)) throw invalid(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  return raw as T;
}

export function parseDay(value: string, name: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw invalid(`${name} must be a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** Reads ?from&to&server; the default range is the 30 days ending on `lastDay` (the latest day with data). */
export function parseRange(q: Record<string, unknown>, lastDay: string, maxDays = 731): RangeQuery {
  const toRaw = queryString(q, 'to');
  const fromRaw = queryString(q, 'from');
  const to = toRaw ? parseDay(toRaw, 'to') : lastDay;
  const from = fromRaw ? parseDay(fromRaw, 'from') : addDays(to, -29);
  if (from > to) throw invalid(`from (${from}) is after to (${to})`);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= maxDays) throw invalid(`the range may cover at most ${maxDays} days`);
  return { from, to, server: parseServer(q) };
}

/** Reads a text field of a JSON body, trimmed: '' when absent or blank and optional, 400 when required and missing or not short text. */
export function bodyText(body: Record<string, unknown>, name: string, max: number, required: boolean): string {
  const v = body[name];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (required) throw invalid(`${name} is required`);
    return '';
  }
  if (typeof v !== 'string' || v.length > max) throw invalid(`${name} must be text of at most ${max} characters`);
  return v.trim();
}

/** A JSON request body that must be an object (express.json leaves other values as they are). */
export function jsonBody(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('the body must be a JSON object');
  return raw as Record<string, unknown>;
}
