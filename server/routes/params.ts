import { HttpError } from './http.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SERVER = /^[\w.:-]{0,64}$/;

function queryString(q: Record<string, unknown>, name: string): string | undefined {
  const v = q[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new HttpError(400, `${name} must be given once, as text`);
  return v;
}

export function parseDay(value: string, name: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new HttpError(400, `${name} must be a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface RangeQuery {
  from: string;
  to: string;
  server: string;
}

/** Reads ?from&to&server; the default range is the 30 days ending on `lastDay` (the latest day with data). */
export function parseRange(q: Record<string, unknown>, lastDay: string, maxDays = 731): RangeQuery {
  const toRaw = queryString(q, 'to');
  const fromRaw = queryString(q, 'from');
  const to = toRaw ? parseDay(toRaw, 'to') : lastDay;
  const from = fromRaw ? parseDay(fromRaw, 'from') : addDays(to, -29);
  if (from > to) throw new HttpError(400, `from (${from}) is after to (${to})`);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= maxDays) throw new HttpError(400, `the range may cover at most ${maxDays} days`);
  const server = queryString(q, 'server') ?? '';
  if (!SERVER.test(server)) throw new HttpError(400, 'server must be a server id (letters, digits, _ . : -)');
  return { from, to, server };
}
