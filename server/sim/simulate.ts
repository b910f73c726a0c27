/**
 * Deterministic game-log simulator: writes sessions_* and payments_* files in
 * the ingest contract, one calendar day at a time, so memory holds a day of rows.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Random } from './random.ts';
import { Population, PLATFORMS, CHANNELS, type SessionEv, type PaymentEv } from './population.ts';
import { OutFile, MALFORMED_KINDS, breakRow, formatCents, header, serialize, timestamp, type FileKind, type Row } from './output.ts';

export interface SimOptions {
  seed: number;
  players: number;
  days: number;
  servers: number;
  /** YYYY-MM-DD, last simulated day, UTC calendar. */
  endDay: string;
  /** Directory, created if missing. */
  out: string;
  format: 'ndjson' | 'csv';
  gzip: boolean;
  malformedRows: number;
  /** Days per output file, default 7. */
  filesEvery: number;
  onProgress?: (p: { day: number; days: number; sessions: number; payments: number }) => void;
  /** Wall clock (epoch ms) for the "3 days in the future" malformed rows; defaults to Date.now(). */
  now?: number;
}

export interface SimSummary {
  players: number;
  sessions: number;
  payments: number;
  malformed: number;
  files: string[];
  /** Decimal string, sum of valid payment amounts including refunds. */
  revenue: string;
  firstDay: string;
  lastDay: string;
}

const DAY_MS = 86_400_000;
const KINDS: readonly FileKind[] = ['sessions', 'payments'];

function check(ok: boolean, msg: string): void {
  if (!ok) throw new RangeError(`simulateGame: ${msg}`);
}

function validate(o: SimOptions): number {
  const int = (v: number, min: number) => Number.isInteger(v) && v >= min;
  check(Number.isInteger(o.seed), `seed must be an integer, got ${o.seed}`);
  check(int(o.players, 1), `players must be an integer >= 1, got ${o.players}`);
  check(int(o.days, 1), `days must be an integer >= 1, got ${o.days}`);
  check(int(o.servers, 1) && o.servers <= 999, `servers must be an integer in 1..999, got ${o.servers}`);
  check(int(o.malformedRows, 0), `malformedRows must be an integer >= 0, got ${o.malformedRows}`);
  check(int(o.filesEvery ?? 7, 1), `filesEvery must be an integer >= 1, got ${o.filesEvery}`);
  check(o.format === 'ndjson' || o.format === 'csv', `format must be ndjson or csv, got ${o.format}`);
  const end = /^\d{4}-\d{2}-\d{2}$/.test(o.endDay) ? Date.parse(`${o.endDay}T00:00:00Z`) : NaN;
  check(Number.isFinite(end) && new Date(end).toISOString().startsWith(o.endDay), `endDay must be YYYY-MM-DD, got ${o.endDay}`);
  return end - (o.days - 1) * DAY_MS;
}

/** Server s opens roughly every days/servers days (server 0 on day 0), jittered a little, never two on one day if avoidable. */
function openingDays(days: number, servers: number, rng: Random): number[] {
  const step = days / servers;
  const open = [0];
  for (let s = 1; s < servers; s++) {
    const jitter = Math.round(rng.uniform(-1, 1) * Math.min(2, step / 4));
    const d = Math.max(open[s - 1] + (days >= servers ? 1 : 0), Math.round(s * step) + jitter);
    open.push(Math.min(days - 1, d));
  }
  return open;
}

/** Registrations per (day, server): each opening brings a decaying wave on top of a base rate. */
function registrationPlan(o: SimOptions, open: number[], firstMs: number, rng: Random): Int32Array {
  const { days, servers } = o;
  const counts = new Int32Array(days * servers);
  const cdf = new Float64Array(days * servers);
  let total = 0;
  for (let d = 0; d < days; d++) {
    const dow = (Math.floor(firstMs / DAY_MS) + d + 4) % 7;
    const weekend = dow === 0 || dow === 6 ? 1.2 : 1;
    for (let s = 0; s < servers; s++) {
      if (d >= open[s]) total += (1 + 12 * Math.exp(-(d - open[s]) / 5)) * weekend;
      cdf[d * servers + s] = total;
    }
  }
  // Every server gets at least its opening-day player so it exists in the data.
  let left = o.players;
  for (let s = 0; s < servers && left > 0; s++, left--) counts[open[s] * servers + s]++;
  for (; left > 0; left--) {
    const x = rng.next() * total;
    let lo = 0,
      hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}

interface Block {
  first: number;
  last: number;
  files: Record<FileKind, OutFile>;
}

export async function simulateGame(opts: SimOptions): Promise<SimSummary> {
  const o = { ...opts, filesEvery: opts.filesEvery ?? 7 };
  const firstMs = validate(o);
  const { seed, days, servers, format } = o;
  const nowMs = o.now ?? Date.now();
  const dayName = (d: number) => new Date(firstMs + d * DAY_MS).toISOString().slice(0, 10);
  // Independent streams: changing e.g. malformedRows never moves the good rows.
  const regRng = new Random(seed, 'registration');
  const pop = new Population(o.players, new Random(seed, 'players'));
  const fmtRng = new Random(seed, 'format');
  const refundRng = new Random(seed, 'refunds');
  const malRng = new Random(seed, 'malformed');

  const open = openingDays(days, servers, regRng);
  const plan = registrationPlan(o, open, firstMs, regRng);
  const idWidth = Math.max(6, String(o.players).length);
  const sidWidth = Math.max(2, String(servers).length);
  const playerId = (i: number) => `p${String(i + 1).padStart(idWidth, '0')}`;
  const serverId = (s: number) => `s${String(s + 1).padStart(sidWidth, '0')}`;

  // Malformed rows: round-robin over files, a random day inside each file's block, cycling through kinds.
  const nBlocks = Math.ceil(days / o.filesEvery);
  const malPlan: Array<Array<{ file: FileKind; kind: string }>> = Array.from({ length: days }, () => []);
  const perFile = new Int32Array(nBlocks * 2);
  for (let j = 0; j < o.malformedRows; j++) {
    const f = j % (nBlocks * 2);
    const b = f >> 1,
      file = KINDS[f & 1];
    const lastDay = Math.min(days - 1, (b + 1) * o.filesEvery - 1);
    const kinds = MALFORMED_KINDS[file];
    malPlan[malRng.int(b * o.filesEvery, lastDay)].push({ file, kind: kinds[(perFile[f]++ + b) % kinds.length] });
  }

  mkdirSync(o.out, { recursive: true });
  const ext = `.${format}${o.gzip ? '.gz' : ''}`;
  const files: string[] = [];
  let block: Block | null = null;
  let nSessions = 0,
    nPayments = 0,
    nBad = 0,
    cents = 0;
  let pending: PaymentEv[] = []; // refunds not yet due

  const synthRow = (file: FileKind, dayStart: number): Row => {
    const i = malRng.int(0, pop.registered - 1);
    const when = new Date(dayStart + malRng.int(0, DAY_MS - 1)).toISOString();
    const base = { player_id: playerId(i), server_id: serverId(pop.server[i]), channel: CHANNELS[pop.channel[i]] };
    return file === 'sessions'
      ? { ...base, start: when, duration_s: 600, level: 1, platform: PLATFORMS[pop.platform[i]] }
      : { ...base, ts: when, amount: '4.99', currency: 'USD', sku: 'gems_500' };
  };

  try {
    for (let d = 0; d < days; d++) {
      const dayStart = firstMs + d * DAY_MS;
      if (d % o.filesEvery === 0) {
        if (block) {
          const done = block;
          block = null;
          await closeBlock(done);
        }
        const first = d,
          last = Math.min(days - 1, d + o.filesEvery - 1);
        const mk = (kind: FileKind) => {
          const p = path.resolve(o.out, `${kind}_${dayName(first)}_${dayName(last)}${ext}`);
          files.push(p);
          return new OutFile(p, o.gzip);
        };
        block = { first, last, files: { sessions: mk('sessions'), payments: mk('payments') } };
        await block.files.sessions.write(header('sessions', format));
        await block.files.payments.write(header('payments', format));
      }

      const sessions: SessionEv[] = [];
      const payments: PaymentEv[] = [];
      pop.simulateDay(d, dayStart, sessions, payments);
      // Today's newcomers, in order of their first session so ids grow with registration time.
      const batch: Array<{ s: number; minute: number }> = [];
      for (let s = 0; s < servers; s++) {
        for (let k = plan[d * servers + s]; k > 0; k--) batch.push({ s, minute: pop.sampleMinute() });
      }
      batch.sort((a, b) => a.minute - b.minute);
      for (const { s, minute } of batch) {
        const i = pop.register(d, s, minute, d - open[s] < 7);
        pop.playDay(i, d, dayStart, sessions, payments);
      }
      // ~0.5% of purchases are refunded 2 hours to 6 days later; refunds past the last day never happen.
      for (const p of payments) {
        if (refundRng.chance(0.005)) pending.push({ ...p, ts: p.ts + Math.floor(refundRng.uniform(2 * 3600e3, 6 * DAY_MS)), cents: -p.cents });
      }
      const dayEnd = dayStart + DAY_MS;
      payments.push(...pending.filter((p) => p.ts < dayEnd));
      pending = pending.filter((p) => p.ts >= dayEnd);
      sessions.sort((a, b) => a.start - b.start);
      payments.sort((a, b) => a.ts - b.ts);

      const rows: Record<FileKind, Row[]> = { sessions: [], payments: [] };
      for (const s of sessions) {
        const i = s.player;
        const row: Row = {
          event_id: `ses-${seed}-${++nSessions}`,
          player_id: playerId(i),
          server_id: serverId(pop.server[i]),
          start: timestamp(s.start, fmtRng),
        };
        if (fmtRng.chance(0.2)) row.end = new Date(s.start + s.dur * 1000).toISOString();
        else row.duration_s = s.dur;
        row.level = s.level;
        row.platform = PLATFORMS[pop.platform[i]];
        row.channel = CHANNELS[pop.channel[i]];
        rows.sessions.push(row);
      }
      for (const p of payments) {
        const i = p.player;
        cents += p.cents;
        rows.payments.push({
          event_id: `pay-${seed}-${++nPayments}`,
          player_id: playerId(i),
          server_id: serverId(pop.server[i]),
          ts: timestamp(p.ts, fmtRng),
          amount: formatCents(p.cents),
          currency: fmtRng.chance(0.08) ? undefined : 'USD',
          sku: p.sku,
          channel: CHANNELS[pop.channel[i]],
        });
      }

      for (const file of KINDS) {
        const good = rows[file];
        const lines = good.map((r) => serialize(r, file, format));
        // Insert malformed rows at random positions, each copying a neighbour so it looks plausible.
        const inserts: Array<[number, string]> = [];
        for (const m of malPlan[d]) {
          if (m.file !== file) continue;
          const pos = malRng.int(0, good.length);
          const base = good.length ? good[Math.min(pos, good.length - 1)] : synthRow(file, dayStart);
          inserts.push([pos, breakRow({ ...base, event_id: `bad-${seed}-${++nBad}` }, m.kind, file, format, nowMs, malRng)]);
        }
        inserts.sort((a, b) => b[0] - a[0]);
        for (const [pos, line] of inserts) lines.splice(pos, 0, line);
        if (lines.length) await block!.files[file].write(`${lines.join('\n')}\n`);
      }
      o.onProgress?.({ day: d + 1, days, sessions: nSessions, payments: nPayments });
    }
  } finally {
    if (block) await closeBlock(block as Block);
  }

  return {
    players: pop.registered,
    sessions: nSessions,
    payments: nPayments,
    malformed: nBad,
    files,
    revenue: formatCents(cents),
    firstDay: dayName(0),
    lastDay: dayName(days - 1),
  };
}

async function closeBlock(b: Block): Promise<void> {
  await Promise.all([b.files.sessions.close(), b.files.payments.close()]);
}
