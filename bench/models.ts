/**
 * Model benchmark. First the BG/NBD fit alone on two fixed data sets (the
 * model tests' simulated 40,000 players, target <= 1 s; the CDNOW sample's
 * 2,357 customers when ../shared/data/cdnow is there, target <= 0.5 s), then
 * on a large synthetic game (default 1M players over 180 days,
 * about 18M sessions and their payments, written straight into the raw tables
 * in SQL: bench/lib/modelGameSql.ts for the sessions, the lifecycle
 * benchmark's bench/lib/gameSql.ts for payments): the model refresh as the
 * product runs it, per kind
 * (engagement: every player; monetary: payers), timing
 * 1. the sufficient statistics aggregated in SQL, with the number of
 *    distinct (x, t_x, T) the fit reads;
 * 2. the BG/NBD fit (the middle of 5 runs on the same rows, target <= 1 s:
 *    its cost follows the distinct summaries, not the players);
 * 3. scoring every player (per distinct summary in TypeScript, joined to the
 *    players in one INSERT ... SELECT);
 * then the readers of the scores: a value list in each order, the stage
 * summary and one player's scores.
 * Every timing with a target prints the ratio to it (<= 1 meets it).
 * Usage: npm run bench:models -- [--players 1000000] [--days 180] [--rate 0.3] [--dropout 0.2] [--keep] [--fits-only]
 * (--rate: median visits per day while playing; --dropout: the largest chance of leaving after a visit;
 * --fits-only: the fixed data sets only, in seconds)
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openReadyDb } from '../server/db/open.ts';
import { refreshModels } from '../server/models/refresh.ts';
import { playerScores } from '../server/queries/players/playerScores.ts';
import { bgnbdStats } from '../server/queries/models/sufficientStats.ts';
import { toModelUnit } from '../server/models/units.ts';
import { stageSourceOn } from '../server/lifecycle/stageSource.ts';
import { stageScores } from '../server/queries/value/stageScores.ts';
import { valueListPage } from '../server/value/lists.ts';
import { eventCounts, insertPayments, mergeRollups } from './lib/gameSql.ts';
import { insertBuyTillYouDieSessions } from './lib/modelGameSql.ts';
import { timeBgNbdFit, type FitTiming } from './lib/timeFit.ts';
import { readCdnowSummary } from '../test/helpers/cdnowSummary.ts';
import { simulateBgNbd } from '../test/helpers/modelSim.ts';

const { values } = parseArgs({
  options: {
    players: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '180' },
    rate: { type: 'string', default: '0.3' },
    dropout: { type: 'string', default: '0.2' },
    keep: { type: 'boolean', default: false },
    'fits-only': { type: 'boolean', default: false },
  },
});
const num = (name: 'players' | 'days') => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const players = num('players');
const days = num('days');
const rate = Number(values.rate);
const dropout = Number(values.dropout);
if (!(rate > 0)) throw new Error('--rate must be a positive number of visits per day');
if (!(dropout > 0 && dropout < 1)) throw new Error('--dropout must be a probability in (0, 1)');
const FIRST_DAY = '2026-01-01';
/** Players per insert, to bound the engine's memory. */
const BATCH = 250_000;

const n = (v: number) => v.toLocaleString('en');
const againstTarget = (label: string, timing: FitTiming, targetMs: number) =>
  console.log(
    `${label}: ${n(timing.players)} players in ${n(timing.rows)} distinct (x, t_x, T), ${timing.medianMs.toFixed(0)} ms (middle of 5), ` +
      `target <= ${targetMs} ms, ratio: ${(timing.medianMs / targetMs).toFixed(2)}`,
  );

// The fixed data sets of the model tests (test/unit/models-recovery.test.ts, models-cdnow.test.ts).
againstTarget('BG/NBD fit, simulated game', timeBgNbdFit(simulateBgNbd({ r: 1.5, alpha: 0.75, a: 1.5, b: 12 }, 40_000, 1, 28, 364), 5), 1000);
const CDNOW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/cdnow');
if (existsSync(CDNOW)) againstTarget('BG/NBD fit, CDNOW sample', timeBgNbdFit(readCdnowSummary(CDNOW).bgnbd, 5), 500);
else console.log(`BG/NBD fit, CDNOW sample: skipped, no ${CDNOW}`);
if (values['fits-only']) process.exit(0);
console.log();

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-models-'));
const cfg = loadConfig({ DATA_DIR: path.join(dir, 'data'), DEMO: 'off' } as NodeJS.ProcessEnv, dir);
const db = await openReadyDb(cfg);
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await fn();
  return [out, (performance.now() - t0) / 1000];
};

console.log(`generating a game of ${n(players)} players over ${days} days in ${dir}`);
const [, genS] = await timed(async () => {
  for (let from = 0; from < players; from += BATCH) {
    await insertBuyTillYouDieSessions(db, { from, count: Math.min(BATCH, players - from), days, firstDay: FIRST_DAY, rate, dropout });
    console.log(`  players ${n(Math.min(from + BATCH, players))}/${n(players)}`);
  }
  await insertPayments(db);
  // Background merges fold the rollup's parts over time; the benchmark starts from that steady state.
  await mergeRollups(db);
});
const counts = await eventCounts(db);
console.log(`generated ${n(counts.sessions)} sessions + ${n(counts.payments)} payments, ${n(counts.players)} players, in ${genS.toFixed(0)} s\n`);

const [result, refreshS] = await timed(() => refreshModels({ db, cfg }));
console.log(`model refresh as of ${result.asOf}: ${refreshS.toFixed(2)} s in all`);
// The refresh fits each kind within 5 s (the monetary kind fits Gamma-Gamma as well).
const FIT_TARGET_S = 5;
console.log(
  'kind'.padEnd(12),
  'status'.padEnd(8),
  'players'.padStart(10),
  'triples'.padStart(9),
  ' stats s',
  '  fit s',
  `fit/${FIT_TARGET_S}s`,
  'score s',
  ' scored',
);
for (const r of result.runs) {
  console.log(
    r.kind.padEnd(12),
    r.status.padEnd(8),
    n(r.players).padStart(10),
    n(r.triples).padStart(9),
    r.seconds.stats.toFixed(2).padStart(8),
    r.seconds.fit.toFixed(2).padStart(7),
    (r.seconds.fit / FIT_TARGET_S).toFixed(2).padStart(7),
    r.seconds.score.toFixed(2).padStart(7),
    n(r.scoredPlayers).padStart(7),
  );
  if (r.status !== 'ok') console.log(`  ${r.message}`);
}

const rows = toModelUnit(await bgnbdStats(db, { kind: 'engagement', calibrationEnd: result.asOf! }), 'day');
console.log();
againstTarget('BG/NBD fit, engagement', timeBgNbdFit(rows, 5), 1000);

console.log('\nreaders of the scores:');
const page = { asOf: result.asOf!, server: '', limit: 50, offset: 0 };
for (const list of ['top_spenders', 'at_risk_high_value'] as const) {
  for (const sort of ['spend', 'risk', 'clv'] as const) {
    const [, s] = await timed(() => valueListPage(db, list, { ...page, sort }));
    console.log(`  value list ${list}, sort=${sort}: ${(s * 1000).toFixed(0)} ms`);
  }
}
const source = await stageSourceOn(db, result.asOf!);
const [, stageS] = await timed(() => stageScores(db, { asOf: result.asOf!, server: '', source }));
console.log(`  scores per stage: ${(stageS * 1000).toFixed(0)} ms`);
const [, oneS] = await timed(() => playerScores(db, 'p1'));
console.log(`  one player's scores: ${(oneS * 1000).toFixed(0)} ms`);

await db.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);
