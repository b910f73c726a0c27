/**
 * BG/NBD, "buy till you die" (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way", Marketing Science 24(2)). While alive a player
 * transacts as a Poisson process with rate lambda ~ Gamma(r, alpha); after each
 * repeat transaction they drop out for good with probability p ~ Beta(a, b).
 * A player is summarised by x (repeat transactions), t_x (time of the last one,
 * from the first) and T (time observed, from the first). Rows carry n, the
 * number of players sharing a triple, so the cost of a fit follows the number
 * of distinct triples rather than the number of players.
 */
import type { BgNbdParams } from '../../contract/models.ts';
import { maximizePositiveSmooth, outcome, type Fit } from './mle.ts';
import { noted } from './notes.ts';
import type { ValueAndGradient } from './optimize.ts';
import { digamma, hyp2f1, lbeta, lgamma } from './special.ts';

export interface BgNbdRow {
  x: number;
  t_x: number;
  T: number;
  n: number;
}

export type { BgNbdParams };

export type BgNbdFit = Fit<BgNbdParams>;

export interface BgNbdFitOptions {
  /** Fewer players than this are not fitted (default 100). */
  minPlayers?: number;
  /** Nor fewer players with a repeat transaction (default 10): without them dropout is unidentified. */
  minRepeaters?: number;
  maxIterations?: number;
}

/** Rows with their x, t_x and T replaced by indexes into the distinct values, so per-value work is done once. */
interface Grouped {
  xs: number[];
  txs: number[];
  Ts: number[];
  xi: Int32Array;
  ti: Int32Array;
  Ti: Int32Array;
  n: Float64Array;
  /** Players per distinct x, and in all. */
  playersAt: Float64Array;
  players: number;
}

function indexer() {
  const values: number[] = [];
  const seen = new Map<number, number>();
  return {
    values,
    of(v: number): number {
      let i = seen.get(v);
      if (i === undefined) seen.set(v, (i = values.push(v) - 1));
      return i;
    },
  };
}

function group(rows: readonly BgNbdRow[]): Grouped {
  const xs = indexer();
  const txs = indexer();
  const Ts = indexer();
  const g = { xi: new Int32Array(rows.length), ti: new Int32Array(rows.length), Ti: new Int32Array(rows.length), n: new Float64Array(rows.length) };
  rows.forEach((row, i) => {
    const { x, t_x, T, n } = row;
    if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`row ${i}: x must be a whole number >= 0, got ${x}`);
    if (!(T >= 0 && T < Infinity)) throw new RangeError(`row ${i}: T must be finite and >= 0, got ${T}`);
    if (!(t_x >= 0 && t_x <= T)) throw new RangeError(`row ${i}: t_x must be in [0, T], got t_x = ${t_x}, T = ${T}`);
    if (!(n > 0 && n < Infinity)) throw new RangeError(`row ${i}: n must be a positive count, got ${n}`);
    g.xi[i] = xs.of(x);
    g.ti[i] = txs.of(x === 0 ? 0 : t_x);
    g.Ti[i] = Ts.of(T);
    g.n[i] = n;
  });
  const playersAt = new Float64Array(xs.values.length);
  let players = 0;
  for (let i = 0; i < rows.length; i++) {
    playersAt[g.xi[i]] += g.n[i];
    players += g.n[i];
  }
  return { xs: xs.values, txs: txs.values, Ts: Ts.values, ...g, playersAt, players };
}

/** The same rows with every time divided by `unit`. */
const rescale = (g: Grouped, unit: number): Grouped => ({ ...g, txs: g.txs.map((t) => t / unit), Ts: g.Ts.map((T) => T / unit) });

/**
 * Weighted log-likelihood and its gradient in (r, alpha, a, b).
 * ln L = ln[Gamma(r+x) alpha^r / Gamma(r)] + ln[A1 + A2] with
 * A1 = B(a, b+x)/B(a, b) (alpha+T)^-(r+x)  (still alive at T) and, for x > 0,
 * A2 = B(a+1, b+x-1)/B(a, b) (alpha+t_x)^-(r+x)  (dropped out after the last transaction).
 * The sum is taken in log space, which avoids the overflow Fader & Hardie
 * describe for large x ("Overcoming the BG/NBD model's #NUM! error problem", 2013).
 * With w = A2 / (A1 + A2) a row's gradient is the w-weighted mix of the two
 * parts' gradients; whatever depends on x alone is summed per distinct x.
 */
function logLik(g: Grouped, { r, alpha, a, b }: BgNbdParams): ValueAndGradient {
  const m = g.xs.length;
  const alive = new Float64Array(m);
  const died = new Float64Array(m);
  const invB = new Float64Array(m);
  const common = r * Math.log(alpha) - lgamma(r) - lbeta(a, b);
  const psiAB = digamma(a + b);
  let value = 0;
  let dr = g.players * (Math.log(alpha) - digamma(r));
  let dalpha = (g.players * r) / alpha;
  let da = g.players * (psiAB - digamma(a));
  let db = g.players * (psiAB - digamma(b));
  for (let k = 0; k < m; k++) {
    const x = g.xs[k];
    alive[k] = common + lgamma(r + x) + lbeta(a, b + x);
    died[k] = x > 0 ? common + lgamma(r + x) + lbeta(a + 1, b + x - 1) : -Infinity;
    invB[k] = x > 0 ? 1 / (b + x - 1) : 0;
    // The alive part's x-only derivatives; the died part differs by +1/a in a and -1/(b+x-1) in b.
    const psiABX = digamma(a + b + x);
    dr += g.playersAt[k] * digamma(r + x);
    da += g.playersAt[k] * (digamma(a) - psiABX);
    db += g.playersAt[k] * (digamma(b + x) - psiABX);
  }
  const logT = g.Ts.map((T) => Math.log(alpha + T));
  const invT = g.Ts.map((T) => 1 / (alpha + T));
  const logTx = g.txs.map((t) => Math.log(alpha + t));
  const invTx = g.txs.map((t) => 1 / (alpha + t));
  let died1 = 0;
  let diedB = 0;
  for (let i = 0; i < g.n.length; i++) {
    const k = g.xi[i];
    const T = g.Ti[i];
    const tx = g.ti[i];
    const n = g.n[i];
    const rx = r + g.xs[k];
    const l1 = alive[k] - rx * logT[T];
    const l2 = died[k] - rx * logTx[tx];
    let ll: number;
    let w: number;
    if (l2 === -Infinity) {
      ll = l1;
      w = 0;
    } else if (l1 >= l2) {
      const e = Math.exp(l2 - l1);
      ll = l1 + Math.log1p(e);
      w = e / (1 + e);
    } else {
      const e = Math.exp(l1 - l2);
      ll = l2 + Math.log1p(e);
      w = 1 / (1 + e);
    }
    value += n * ll;
    dr -= n * (logT[T] + w * (logTx[tx] - logT[T]));
    dalpha -= n * rx * (invT[T] + w * (invTx[tx] - invT[T]));
    died1 += n * w;
    diedB += n * w * invB[k];
  }
  return { value, gradient: [dr, dalpha, da + died1 / a, db - diedB] };
}

export function bgNbdLogLikelihood(params: BgNbdParams, rows: readonly BgNbdRow[]): number {
  return logLik(group(rows), params).value;
}

/** The log-likelihood's gradient in (r, alpha, a, b), which the fit climbs. */
export function bgNbdGradient(params: BgNbdParams, rows: readonly BgNbdRow[]): number[] {
  return logLik(group(rows), params).gradient;
}

/**
 * Maximum-likelihood fit. Times are divided by the players' mean T during the
 * search so that alpha is of order one whatever the time unit; r, a and b do
 * not depend on the unit.
 */
export function fitBgNbd(rows: readonly BgNbdRow[], options: BgNbdFitOptions = {}): BgNbdFit {
  const { minPlayers = 100, minRepeaters = 10, maxIterations } = options;
  const original = group(rows);
  let players = 0;
  let repeaters = 0;
  let exposure = 0;
  let transactions = 0;
  for (const { x, T, n } of rows) {
    players += n;
    if (x > 0) repeaters += n;
    exposure += n * T;
    transactions += n * x;
  }
  if (players < minPlayers) return { status: 'too_few_players', ...noted('too_few_players', { players, min: minPlayers }), players };
  if (repeaters < minRepeaters) {
    return { status: 'too_few_players', ...noted('too_few_repeaters', { repeaters, min: minRepeaters }), players };
  }
  const unit = exposure > 0 ? exposure / players : 1;
  const scaled = rescale(original, unit);
  // Start from a unit-shape gamma with the pooled rate, and uniform dropout.
  const start = [1, exposure / unit / Math.max(transactions, 1), 1, 1];
  const max = maximizePositiveSmooth(([r, alpha, a, b]) => logLik(scaled, { r, alpha, a, b }), start, ['r', 'alpha', 'a', 'b'], maxIterations);
  const [r, alpha, a, b] = max.values;
  const params = { r, alpha: alpha * unit, a, b };
  return {
    ...outcome(max),
    players,
    params,
    logLikelihood: logLik(original, params).value,
    converged: max.converged,
    iterations: max.iterations,
  };
}

/**
 * P(alive at T | x, t_x, T): the share of the likelihood in which the player did
 * not drop out after their last transaction (Fader, Hardie & Lee 2008,
 * "Computing P(alive) using the BG/NBD model"). Players without a repeat
 * transaction are alive by the model's assumption (dropout follows a purchase).
 */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, x: number, t_x: number, T: number): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log1p((T - t_x) / (alpha + t_x));
  return 1 / (1 + Math.exp(logOdds));
}

/** Both expectations share the factor 1 / (a - 1): a removable singularity of the closed forms, refused rather than returned as NaN. */
function checkExpectation(t: number, a: number): void {
  if (!(t >= 0)) throw new RangeError(`t must be >= 0, got ${t}`);
  if (a === 1) throw new RangeError('the closed-form BG/NBD expectations are undefined at a = 1 exactly');
}

/**
 * E[Y(t) | x, t_x, T]: expected transactions in the next t periods (Fader, Hardie
 * & Lee 2005, eq. 10), written as P(alive) times the expectation for a player
 * known to be alive.
 */
export function expectedTransactions(params: BgNbdParams, t: number, x: number, t_x: number, T: number): number {
  const { r, alpha, a, b } = params;
  checkExpectation(t, a);
  const c = a + b + x - 1;
  // (alpha+T)^(r+x) / (alpha+T+t)^(r+x) * 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t)), scaled inside the series.
  const scaled = hyp2f1(r + x, b + x, c, t / (alpha + T + t), -(r + x) * Math.log1p(t / (alpha + T)));
  return (c / (a - 1)) * (1 - scaled) * probabilityAlive(params, x, t_x, T);
}

/** E[X(t)]: expected repeat transactions of a new player in their first t periods (Fader, Hardie & Lee 2005, eq. 7). */
export function expectedTransactionsNew({ r, alpha, a, b }: BgNbdParams, t: number): number {
  checkExpectation(t, a);
  const scaled = hyp2f1(r, b, a + b - 1, t / (alpha + t), -r * Math.log1p(t / alpha));
  return ((a + b - 1) / (a - 1)) * (1 - scaled);
}
