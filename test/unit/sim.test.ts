import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { Random } from '../../server/sim/random.ts';
import { simulateGame, type SimOptions, type SimSummary } from '../../server/sim/simulate.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const NOW = Date.parse('2026-11-01T12:00:00Z');
const base: SimOptions = {
  seed: 42,
  players: 2000,
  days: 60,
  servers: 8,
  endDay: '2026-03-31',
  out: '',
  format: 'ndjson',
  gzip: false,
  malformedRows: 0,
  filesEvery: 7,
  now: NOW,
};
let runs = 0;
async function run(o: Partial<SimOptions>): Promise<SimSummary> {
  return simulateGame({ ...base, out: path.join(tmp, `run${++runs}`), ...o });
}

function readLines(file: string): string[] {
  let buf = fs.readFileSync(file);
  if (file.endsWith('.gz')) buf = zlib.gunzipSync(buf);
  return buf
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0);
}

function csvSplit(line: string): string[] {
  const out: string[] = [];
  let cur = '',
    q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

type Rec = Record<string, unknown>;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a timestamp the contract allows (ISO with offset, or epoch ms), else null. */
function ts(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v !== 'string') return null;
  if (/^\d{12,14}$/.test(v)) return Number(v);
  return ISO.test(v) ? Date.parse(v) : null;
}
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN);

/** Contract check of one row; returns the row's instant or null when an ingester must quarantine it. */
function check(kind: 'sessions' | 'payments', r: Rec, lo: number, hi: number): number | null {
  const t = ts(r[kind === 'sessions' ? 'start' : 'ts']);
  if (t === null || t < lo || t >= hi) return null;
  if (!/^(ses|pay)-\d+-\d+$/.test(String(r.event_id)) || !/^p\d{6}$/.test(String(r.player_id)) || !/^s\d{2}$/.test(String(r.server_id))) return null;
  if (!['organic', 'ads', 'referral'].includes(String(r.channel))) return null;
  if (kind === 'sessions') {
    const dur = r.duration_s === undefined ? undefined : num(r.duration_s);
    const end = r.end === undefined ? undefined : ts(r.end);
    if ((dur === undefined) === (end === undefined)) return null;
    if (dur !== undefined && !(Number.isInteger(dur) && dur >= 0)) return null;
    if (end !== undefined && (end === null || typeof r.end !== 'string' || end < t)) return null;
    if (!(Number.isInteger(num(r.level)) && num(r.level) >= 1) || !['ios', 'android', 'pc'].includes(String(r.platform))) return null;
  } else {
    const a = num(r.amount);
    if (!Number.isFinite(a) || a === 0 || Math.round(a * 100) / 100 !== a) return null;
    if (r.currency !== undefined && r.currency !== 'USD') return null;
    if (typeof r.sku !== 'string' || r.sku === '') return null;
  }
  return t;
}

interface Parsed {
  good: Record<'sessions' | 'payments', Rec[]>;
  bad: number;
  badIds: string[];
  files: string[];
}

function parseOutput(s: SimSummary, format: 'ndjson' | 'csv'): Parsed {
  const lo = Date.parse(`${s.firstDay}T00:00:00Z`),
    hi = Date.parse(`${s.lastDay}T00:00:00Z`) + 86_400_000;
  const p: Parsed = { good: { sessions: [], payments: [] }, bad: 0, badIds: [], files: s.files.map((f) => path.basename(f)) };
  for (const file of s.files) {
    const kind = path.basename(file).startsWith('sessions') ? 'sessions' : 'payments';
    let lines = readLines(file);
    let cols: string[] = [];
    if (format === 'csv') [cols, lines] = [lines[0].split(','), lines.slice(1)];
    let last = -Infinity;
    for (const line of lines) {
      let r: Rec | null = null;
      if (format === 'ndjson') {
        try {
          r = JSON.parse(line) as Rec;
        } catch {
          r = null;
        }
      } else {
        const cells = csvSplit(line);
        if (cells.length === cols.length) r = Object.fromEntries(cols.map((c, i) => [c, cells[i] === '' ? undefined : cells[i]]));
      }
      const t = r ? check(kind, r, lo, hi) : null;
      if (t === null) {
        p.bad++;
        if (r?.event_id) p.badIds.push(String(r.event_id));
        continue;
      }
      expect(t, `${path.basename(file)} is in time order`).toBeGreaterThanOrEqual(last);
      last = t;
      p.good[kind].push(r!);
    }
  }
  return p;
}

const cents = (rows: Rec[]) => rows.reduce((sum, r) => sum + Math.round(num(r.amount) * 100), 0);
// Hashes, because deep-equality on big Buffers is slow in expect().
const bytesOf = (s: SimSummary) => s.files.map((f) => `${path.basename(f)}:${createHash('sha256').update(fs.readFileSync(f)).digest('hex')}`);

describe('Random', () => {
  it('is deterministic per seed and label', () => {
    const a = new Random(7),
      b = new Random(7),
      c = new Random(8),
      d = new Random(7, 'x');
    const seq = (r: Random) => Array.from({ length: 5 }, () => r.nextUint32());
    const sa = seq(a);
    expect(seq(b)).toEqual(sa);
    expect(seq(c)).not.toEqual(sa);
    expect(seq(d)).not.toEqual(sa);
  });

  it('draws from the right distributions', () => {
    const r = new Random(1);
    const n = 20000;
    const mean = (f: () => number) => Array.from({ length: n }, f).reduce((s, x) => s + x, 0) / n;
    for (let i = 0; i < 1000; i++) {
      const u = r.uniform(2, 3);
      expect(u >= 2 && u < 3).toBe(true);
      const k = r.int(1, 4);
      expect(k >= 1 && k <= 4 && Number.isInteger(k)).toBe(true);
      expect(r.pareto(5, 1.5)).toBeGreaterThanOrEqual(5);
      expect(['a', 'b']).toContain(r.pick(['a', 'b']));
    }
    expect(mean(() => r.normal(10, 2))).toBeCloseTo(10, 1);
    expect(mean(() => r.poisson(3))).toBeCloseTo(3, 1);
    expect(mean(() => r.poisson(50))).toBeGreaterThan(49);
    expect(mean(() => r.exponential(4))).toBeCloseTo(4, 0);
    const logs = Array.from({ length: n }, () => r.lognormal(Math.log(20), 1)).sort((x, y) => x - y);
    expect(logs[n / 2]).toBeGreaterThan(18);
    expect(logs[n / 2]).toBeLessThan(22);
    const w = [0, 0, 0];
    for (let i = 0; i < n; i++) w[r.weighted([1, 0, 3])]++;
    expect(w[1]).toBe(0);
    expect(w[2] / n).toBeCloseTo(0.75, 1);
  });
});

describe('simulateGame', () => {
  let summary: SimSummary;
  let parsed: Parsed;
  beforeAll(async () => {
    summary = await run({ malformedRows: 37 });
    parsed = parseOutput(summary, 'ndjson');
  });

  it('writes one file per kind per block of filesEvery days', () => {
    expect(summary.firstDay).toBe('2026-01-31');
    expect(summary.lastDay).toBe('2026-03-31');
    expect(parsed.files.length).toBe(2 * Math.ceil(60 / 7));
    expect(parsed.files[0]).toBe('sessions_2026-01-31_2026-02-06.ndjson');
    expect(parsed.files[1]).toBe('payments_2026-01-31_2026-02-06.ndjson');
    expect(parsed.files.at(-1)).toBe('payments_2026-03-28_2026-03-31.ndjson');
  });

  it('summary counts match the rows in the files', () => {
    expect(parsed.good.sessions.length).toBe(summary.sessions);
    expect(parsed.good.payments.length).toBe(summary.payments);
    expect(new Set(parsed.good.sessions.map((r) => r.player_id)).size).toBe(2000);
    expect(summary.players).toBe(2000);
    expect(cents(parsed.good.payments)).toBe(Math.round(Number(summary.revenue) * 100));
    expect(summary.revenue).toMatch(/^\d+\.\d{2}$/);
  });

  it('has exactly malformedRows bad rows, with ids apart from good ones', () => {
    expect(summary.malformed).toBe(37);
    expect(parsed.bad).toBe(37);
    const goodIds = new Set([...parsed.good.sessions, ...parsed.good.payments].map((r) => String(r.event_id)));
    expect(goodIds.size).toBe(summary.sessions + summary.payments);
    for (const id of parsed.badIds) expect(goodIds.has(id)).toBe(false);
    // Spread over files: every file but possibly a few gets at least one.
    const perFile = summary.files.filter((f) => readLines(f).some((l) => l.includes('"bad-') || !l.startsWith('{') || !l.endsWith('}')));
    expect(perFile.length).toBe(summary.files.length);
  });

  it('uses both timestamp forms, both session shapes, and refunds', () => {
    const s = parsed.good.sessions;
    const epochShare = s.filter((r) => typeof r.start === 'number').length / s.length;
    const endShare = s.filter((r) => r.end !== undefined).length / s.length;
    expect(epochShare).toBeGreaterThan(0.03);
    expect(epochShare).toBeLessThan(0.08);
    expect(endShare).toBeGreaterThan(0.15);
    expect(endShare).toBeLessThan(0.25);
    const refunds = parsed.good.payments.filter((r) => num(r.amount) < 0);
    expect(refunds.length).toBeGreaterThan(0);
    for (const r of refunds) expect(parsed.good.payments.some((p) => p.player_id === r.player_id && num(p.amount) === -num(r.amount))).toBe(true);
  });

  it('looks like a game: early drop-off, payers 3-15%, heavy-tailed spend', () => {
    const days = new Map<string, Set<number>>();
    for (const r of parsed.good.sessions) {
      const d = Math.floor(ts(r.start)! / 86_400_000);
      days.set(String(r.player_id), (days.get(String(r.player_id)) ?? new Set()).add(d));
    }
    const short = [...days.values()].filter((s) => s.size <= 3).length;
    expect(short / 2000).toBeGreaterThan(0.35);
    expect([...days.values()].some((s) => s.size >= 30)).toBe(true);
    const spend = new Map<string, number>();
    for (const r of parsed.good.payments) spend.set(String(r.player_id), (spend.get(String(r.player_id)) ?? 0) + Math.round(num(r.amount) * 100));
    const payers = [...spend.values()].filter((v) => v > 0).sort((a, b) => b - a);
    expect(payers.length / 2000).toBeGreaterThan(0.03);
    expect(payers.length / 2000).toBeLessThan(0.15);
    const total = payers.reduce((a, b) => a + b, 0);
    const top = payers.slice(0, Math.ceil(payers.length * 0.01)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.2);
    expect(payers[0] / payers[payers.length >> 1]).toBeGreaterThan(100); // whales: orders of magnitude
  });

  it('has players who settle in: more active days in their fifth and sixth weeks than in their third and fourth', () => {
    const first = new Map<string, number>();
    const days = new Map<string, Set<number>>();
    for (const r of parsed.good.sessions) {
      const id = String(r.player_id);
      const d = Math.floor(ts(r.start)! / 86_400_000);
      first.set(id, Math.min(first.get(id) ?? d, d));
      days.set(id, (days.get(id) ?? new Set()).add(d));
    }
    const lastDay = Math.floor(Date.parse(`${summary.lastDay}T00:00:00Z`) / 86_400_000);
    let watched = 0,
      growing = 0;
    for (const [id, d0] of first) {
      if (lastDay - d0 < 42) continue;
      watched++;
      const inWeeks = (from: number) => [...days.get(id)!].filter((d) => d - d0 >= from && d - d0 < from + 14).length;
      // The Growth stage's activity rule: at least 125% of the prior 14 days' active days, and at least 4.
      if (inWeeks(28) >= 4 && inWeeks(28) >= 1.25 * inWeeks(14)) growing++;
    }
    expect(watched).toBeGreaterThan(300);
    // Noise alone gives about 5% on this game; the settling habit players double it.
    expect(growing / watched).toBeGreaterThan(0.07);
  });

  it('opens servers at different dates', () => {
    const first = new Map<string, number>();
    for (const r of parsed.good.sessions) if (!first.has(String(r.server_id))) first.set(String(r.server_id), Math.floor(ts(r.start)! / 86_400_000));
    expect(first.size).toBe(8);
    expect(new Set(first.values()).size).toBe(8);
  });

  it('is byte-for-byte deterministic for a seed, and differs for another seed', async () => {
    const a = await run({ malformedRows: 0, gzip: true });
    const b = await run({ malformedRows: 0, gzip: true });
    expect(bytesOf(b)).toEqual(bytesOf(a));
    // With a fixed "now", malformed rows are reproducible too.
    expect(bytesOf(await run({ malformedRows: 37 }))).toEqual(bytesOf(summary));
    const c = await run({ malformedRows: 0, gzip: true, seed: 43 });
    expect(bytesOf(c)).not.toEqual(bytesOf(a));
  });

  it('keeps good rows unchanged when malformed rows are added', async () => {
    const clean = await run({ malformedRows: 0 });
    const goodLines = (s: SimSummary) => s.files.flatMap(readLines).filter((l) => !l.includes('"bad-'));
    expect(goodLines(summary).filter((l) => l.startsWith('{') && l.endsWith('}'))).toEqual(goodLines(clean));
    expect(clean.revenue).toBe(summary.revenue);
  });

  it('writes valid CSV with gzip under the same contract', async () => {
    const s = await run({ format: 'csv', gzip: true, malformedRows: 25, filesEvery: 10 });
    expect(path.basename(s.files[0])).toBe('sessions_2026-01-31_2026-02-09.csv.gz');
    expect(readLines(s.files[0])[0]).toBe('event_id,player_id,server_id,start,duration_s,end,level,platform,channel');
    expect(readLines(s.files[1])[0]).toBe('event_id,player_id,server_id,ts,amount,currency,sku,channel');
    const p = parseOutput(s, 'csv');
    expect(p.bad).toBe(25);
    expect(p.good.sessions.length).toBe(s.sessions);
    expect(p.good.payments.length).toBe(s.payments);
    expect(cents(p.good.payments)).toBe(Math.round(Number(s.revenue) * 100));
    expect(s.revenue).toBe(summary.revenue); // same seed, same economy, different encoding
  });

  it('rejects bad options', async () => {
    await expect(run({ players: 0 })).rejects.toThrow(/players/);
    await expect(run({ endDay: '2026-02-30' })).rejects.toThrow(/endDay/);
  });
});
