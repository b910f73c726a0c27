/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", Journal of Marketing Research
 * 42(4); likelihood as in Fader & Hardie 2013, "The Gamma-Gamma model of
 * monetary value"). Each transaction of a payer is Gamma(p, nu) with the payer's
 * own nu ~ Gamma(q, gamma); a payer is summarised by x (repeat transactions) and
 * zbar (their mean value). Spend is assumed independent of how often one pays.
 */
import { maximizePositiveSmooth, outcome, type Fit } from './mle.ts';
import { noted } from './notes.ts';
import type { ValueAndGradient } from './optimize.ts';
import { digamma, lgamma } from './special.ts';

export interface GammaGammaRow {
  x: number;
  zbar: number;
  n: number;
}

export type GammaGammaParams = { p: number; q: number; gamma: number };

export type GammaGammaFit = Fit<GammaGammaParams>;

export interface GammaGammaFitOptions {
  /** Fewer payers than this are not fitted (default 50). */
  minPlayers?: number;
  maxIterations?: number;
}

interface Grouped {
  xs: number[];
  xi: Int32Array;
  /** x * zbar and ln zbar per row. */
  spend: Float64Array;
  logZbar: Float64Array;
  n: Float64Array;
}

function group(rows: readonly GammaGammaRow[], spendScale = 1): Grouped {
  const xs: number[] = [];
  const seen = new Map<number, number>();
  const g = { xi: new Int32Array(rows.length), spend: new Float64Array(rows.length), logZbar: new Float64Array(rows.length), n: new Float64Array(rows.length) };
  rows.forEach(({ x, zbar, n }, i) => {
    if (!(Number.isInteger(x) && x >= 1)) throw new RangeError(`row ${i}: x must be a whole number >= 1 (payers with a repeat transaction), got ${x}`);
    if (!(zbar > 0 && zbar < Infinity)) throw new RangeError(`row ${i}: zbar must be a positive mean spend, got ${zbar}`);
    if (!(n > 0 && n < Infinity)) throw new RangeError(`row ${i}: n must be a positive count, got ${n}`);
    let k = seen.get(x);
    if (k === undefined) seen.set(x, (k = xs.push(x) - 1));
    g.xi[i] = k;
    g.spend[i] = (x * zbar) / spendScale;
    g.logZbar[i] = Math.log(zbar / spendScale);
    g.n[i] = n;
  });
  return { xs, ...g };
}

/**
 * Weighted log-likelihood of the observed means, and its gradient in (p, q, gamma):
 * ln f(zbar | x) = ln Gamma(px+q) - ln Gamma(px) - ln Gamma(q) + q ln gamma
 *                  + (px-1) ln zbar + px ln x - (px+q) ln(gamma + x zbar).
 */
function logLik(g: Grouped, { p, q, gamma }: GammaGammaParams): ValueAndGradient {
  const m = g.xs.length;
  const perX = new Float64Array(m);
  const dpPerX = new Float64Array(m);
  const dqPerX = new Float64Array(m);
  const common = q * Math.log(gamma) - lgamma(q);
  for (let k = 0; k < m; k++) {
    const x = g.xs[k];
    perX[k] = common + lgamma(p * x + q) - lgamma(p * x) + p * x * Math.log(x);
    dpPerX[k] = x * (digamma(p * x + q) - digamma(p * x) + Math.log(x));
    dqPerX[k] = Math.log(gamma) - digamma(q) + digamma(p * x + q);
  }
  let value = 0;
  let dp = 0;
  let dq = 0;
  let dgamma = 0;
  for (let i = 0; i < g.n.length; i++) {
    const k = g.xi[i];
    const x = g.xs[k];
    const n = g.n[i];
    const px = p * x;
    const logTotal = Math.log(gamma + g.spend[i]);
    value += n * (perX[k] + (px - 1) * g.logZbar[i] - (px + q) * logTotal);
    dp += n * (dpPerX[k] + x * (g.logZbar[i] - logTotal));
    dq += n * (dqPerX[k] - logTotal);
    dgamma += n * (q / gamma - (px + q) / (gamma + g.spend[i]));
  }
  return { value, gradient: [dp, dq, dgamma] };
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: readonly GammaGammaRow[]): number {
  return logLik(group(rows), params).value;
}

/** The log-likelihood's gradient in (p, q, gamma), which the fit climbs. */
export function gammaGammaGradient(params: GammaGammaParams, rows: readonly GammaGammaRow[]): number[] {
  return logLik(group(rows), params).gradient;
}

/** Maximum-likelihood fit; spend is divided by the payers' mean during the search so gamma is of order one in any currency. */
export function fitGammaGamma(rows: readonly GammaGammaRow[], options: GammaGammaFitOptions = {}): GammaGammaFit {
  const { minPlayers = 50, maxIterations } = options;
  const original = group(rows);
  let players = 0;
  let total = 0;
  for (const { zbar, n } of rows) {
    players += n;
    total += n * zbar;
  }
  if (players < minPlayers) return { status: 'too_few_players', ...noted('too_few_repeat_payers', { players, min: minPlayers }), players };
  const unit = total / players;
  const scaled = group(rows, unit);
  // p = 1, q = 2 and gamma = 1 put the population mean p gamma / (q - 1) at the scaled mean, 1.
  const max = maximizePositiveSmooth(([p, q, gamma]) => logLik(scaled, { p, q, gamma }), [1, 2, 1], ['p', 'q', 'gamma'], maxIterations);
  const [p, q, gamma] = max.values;
  const params = { p, q, gamma: gamma * unit };
  return {
    ...outcome(max, q > 1 ? null : noted('mean_spend_infinite', { q: q.toPrecision(3) }).note),
    players,
    params,
    logLikelihood: logLik(original, params).value,
    converged: max.converged,
    iterations: max.iterations,
  };
}

/** E[Z] = p gamma / (q - 1): mean spend per transaction of a randomly chosen payer. */
export function populationMeanSpend({ p, q, gamma }: GammaGammaParams): number {
  if (!(q > 1)) throw new RangeError(`the population mean spend needs q > 1, got q = ${q}`);
  return (p * gamma) / (q - 1);
}

/**
 * E[Z | x, zbar]: a payer's expected spend per transaction, their own mean
 * shrunk towards the population mean; the more transactions, the more weight
 * their own mean gets. x = 0 gives the population mean.
 */
export function expectedSpend(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, gamma } = params;
  if (!(q > 1)) throw new RangeError(`expected spend needs q > 1, got q = ${q}`);
  return (p * (gamma + x * zbar)) / (p * x + q - 1);
}
