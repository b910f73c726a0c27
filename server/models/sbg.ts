/**
 * Shifted-beta-geometric retention (Fader & Hardie 2007, "How to project
 * customer retention", Journal of Interactive Marketing 21(1)). At the end of
 * each period a member of a cohort leaves with their own probability theta,
 * constant over time, with theta ~ Beta(alpha, beta) across the cohort. The
 * cohort's retention rate still rises over time, because those likely to leave
 * leave first; that is why the model projects retention far better than curves
 * fitted to the observed rates.
 */
import type { SbgParams } from '../../contract/models.ts';
import { maximizePositive, outcome, type Fit } from './mle.ts';
import { noted } from './notes.ts';

export type { SbgParams };

export type SbgFit = Fit<SbgParams>;

export interface SbgFitOptions {
  /** Cohorts smaller than this are not fitted (default 100). */
  minPlayers?: number;
  maxIterations?: number;
}

/** r_t = (beta + t - 1) / (alpha + beta + t - 1): the share of those alive at period t - 1 still there at t (paper's eq. 8). */
export function sbgRetention({ alpha, beta }: SbgParams, t: number): number {
  if (!(Number.isInteger(t) && t >= 1)) throw new RangeError(`t must be a whole period >= 1, got ${t}`);
  return (beta + t - 1) / (alpha + beta + t - 1);
}

/** S(0..periods): the expected share of the cohort still there at the end of each period. */
export function sbgSurvival(params: SbgParams, periods: number): number[] {
  if (!(Number.isInteger(periods) && periods >= 0)) throw new RangeError(`periods must be a whole number >= 0, got ${periods}`);
  const s = [1];
  for (let t = 1; t <= periods; t++) s.push(s[t - 1] * sbgRetention(params, t));
  return s;
}

function checkSurvivors(survivors: readonly number[]): void {
  if (survivors.length < 2) throw new RangeError(`need the cohort size and at least one later period, got ${survivors.length} counts`);
  survivors.forEach((s, t) => {
    if (!(s >= 0 && s < Infinity)) throw new RangeError(`period ${t}: survivors must be a count >= 0, got ${s}`);
    if (t > 0 && s > survivors[t - 1]) throw new RangeError(`period ${t}: survivors rose from ${survivors[t - 1]} to ${s}`);
  });
}

/**
 * LL = sum over t of (lost in t) ln P(T = t) + (still there at the end) ln S(last):
 * those still there are right-censored, not lost. P(T = t) = S(t-1) alpha / (alpha + beta + t - 1).
 */
export function sbgLogLikelihood({ alpha, beta }: SbgParams, survivors: readonly number[]): number {
  checkSurvivors(survivors);
  let logS = 0;
  let sum = 0;
  for (let t = 1; t < survivors.length; t++) {
    const lost = survivors[t - 1] - survivors[t];
    if (lost > 0) sum += lost * (logS + Math.log(alpha / (alpha + beta + t - 1)));
    logS += Math.log((beta + t - 1) / (alpha + beta + t - 1));
  }
  return sum + survivors[survivors.length - 1] * logS;
}

/** Fits alpha and beta to a cohort's survivors at periods 0, 1, ..., n (survivors[0] is the cohort size). */
export function fitSbg(survivors: readonly number[], options: SbgFitOptions = {}): SbgFit {
  const { minPlayers = 100, maxIterations } = options;
  checkSurvivors(survivors);
  const players = survivors[0];
  if (players < minPlayers) return { status: 'too_few_players', ...noted('cohort_too_small', { players, min: minPlayers }), players };
  const max = maximizePositive(([alpha, beta]) => sbgLogLikelihood({ alpha, beta }, survivors), [1, 1], ['alpha', 'beta'], maxIterations);
  const [alpha, beta] = max.values;
  return { ...outcome(max), players, params: { alpha, beta }, logLikelihood: max.logLikelihood, converged: max.converged, iterations: max.iterations };
}
