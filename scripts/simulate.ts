/**
 * Writes simulated game logs (sessions + payments) in the ingest contract.
 *   tsx scripts/simulate.ts --seed 42 --players 50000 --days 120 --servers 8 \
 *     --out ./data/inbox --format ndjson --gzip --malformed 300 --end 2026-03-31 --files-every 7
 */
import { parseArgs } from 'node:util';
import { simulateGame, type SimOptions } from '../server/sim/simulate.ts';

const USAGE = `Usage: tsx scripts/simulate.ts [options]
  --seed N          PRNG seed (default 42)
  --players N       players with at least one session (default 50000)
  --days N          simulated calendar days (default 120)
  --servers N       game servers, opened at staggered dates (default 8)
  --end YYYY-MM-DD  last simulated day, UTC (default yesterday)
  --out DIR         output directory, created if missing (default ./data/sim)
  --format F        ndjson | csv (default ndjson)
  --gzip            gzip the files (.gz suffix)
  --malformed N     malformed rows to mix in (default 300)
  --files-every N   days per output file (default 7)
  --progress        print progress on stderr even when it is not a TTY
  -h, --help        show this help`;

class UsageError extends Error {}

function int(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

function yesterdayUtc(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

function parse(argv: string[]): (SimOptions & { progress: boolean }) | null {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      seed: { type: 'string' },
      players: { type: 'string' },
      days: { type: 'string' },
      servers: { type: 'string' },
      end: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      gzip: { type: 'boolean' },
      malformed: { type: 'string' },
      'files-every': { type: 'string' },
      progress: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) return null;
  const format = v.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw new UsageError(`--format must be ndjson or csv, got "${format}"`);
  const endDay = v.end ?? yesterdayUtc();
  const endMs = Date.parse(`${endDay}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDay) || !Number.isFinite(endMs) || !new Date(endMs).toISOString().startsWith(endDay)) {
    throw new UsageError(`--end must be a date YYYY-MM-DD, got "${endDay}"`);
  }
  return {
    seed: int('seed', v.seed, 42, -2147483648),
    players: int('players', v.players, 50000, 1),
    days: int('days', v.days, 120, 1),
    servers: int('servers', v.servers, 8, 1),
    endDay,
    out: v.out ?? './data/sim',
    format,
    gzip: v.gzip ?? false,
    malformedRows: int('malformed', v.malformed, 300, 0),
    filesEvery: int('files-every', v['files-every'], 7, 1),
    progress: v.progress ?? false,
  };
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof parse>;
  try {
    opts = parse(process.argv.slice(2));
  } catch (err) {
    // parseArgs throws TypeErrors with codes like ERR_PARSE_ARGS_UNKNOWN_OPTION for unknown flags.
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`simulate: ${msg}\n\n${USAGE}\n`);
    return 2;
  }
  if (!opts) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (opts.servers > 999) {
    process.stderr.write('simulate: --servers must be at most 999\n');
    return 2;
  }
  if (opts.endDay >= new Date().toISOString().slice(0, 10)) {
    process.stderr.write(`simulate: warning: --end ${opts.endDay} is not in the past; ingesters may reject future rows\n`);
  }
  const showProgress = opts.progress || process.stderr.isTTY === true;
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  const summary = await simulateGame({
    ...opts,
    onProgress: showProgress
      ? (p) => process.stderr.write(`${tty ? '\r' : ''}day ${p.day}/${p.days}  sessions ${p.sessions}  payments ${p.payments}${tty ? '' : '\n'}`)
      : undefined,
  });
  if (showProgress && tty) process.stderr.write('\n');
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `simulated ${summary.firstDay}..${summary.lastDay}: players=${summary.players} sessions=${summary.sessions} ` +
      `payments=${summary.payments} malformed=${summary.malformed} revenue=${summary.revenue} files=${summary.files.length} ` +
      `out=${opts.out} in ${secs}s\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`simulate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
