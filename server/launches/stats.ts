import type { MeanComparison, ProportionComparison } from '../../contract/launches.ts';

/**
 * The statistics of an uplift measurement (treatment against holdout): a pooled
 * two-proportion z-test with its two-sided p-value, the unpooled (Wald) 95%
 * interval for a difference in proportions, and Welch's 95% interval for a
 * difference in means. Pure; no dependency, so every digit is checked by
 * test/unit/offers-stats.test.ts.
 */

/**
 * erfc(x) for x >= 0 to about 1e-15 relative: below 3 the all-positive series
 * erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1))
 * (no cancellation, unlike the alternating Taylor series); from 3 the
 * continued fraction erfc(x) = exp(-x^2)/sqrt(pi) / (x + 1/2 / (x + 1 / (x + 3/2 / ...)))
 * by the modified Lentz method, which converges quickly there and keeps
 * relative precision in the far tail where 1 - erf(x) would cancel.
 */
function erfcNonNegative(x: number): number {
  if (x < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

export const erfc = (x: number): number => (x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x));

/** Standard normal CDF. */
export const normalCdf = (z: number): number => 0.5 * erfc(-z / Math.SQRT2);

/** Two-sided p-value of a standard normal statistic, accurate in the tails (no 1 - x). */
export const twoSidedP = (z: number): number => Math.min(1, erfc(Math.abs(z) / Math.SQRT2));

/** ln Gamma(x), x > 0 (Lanczos, g = 7, 9 terms: ~1e-15). */
function lnGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const xm = x - 1;
  let a = g[0];
  const t = xm + 7.5;
  for (let i = 1; i < 9; i++) a += g[i] / (xm + i);
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularized incomplete beta (modified Lentz). */
function betaCf(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaCf(a, b, x)) / a : 1 - (front * betaCf(b, a, 1 - x)) / b;
}

/** Student t CDF with df > 0 degrees of freedom (df need not be whole: Welch). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The t quantile for probability p in (0.5, 1), by bisection on the CDF (60 halvings: below 1e-12). */
export function studentTQuantile(p: number, df: number): number {
  if (!Number.isFinite(df) || df > 1e7) return normalQuantile(p);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The normal quantile by bisection (the limit of t for a huge df). */
function normalQuantile(p: number): number {
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** z for a two-sided 95% interval: the 0.975 normal quantile. */
export const Z95 = 1.959963984540054;

/**
 * Treatment x1/n1 against holdout x2/n2. The test pools the rates under the
 * null hypothesis p1 = p2; the interval does not (it is about the difference
 * as it is). When both groups are all 0 or all 1 there is no variance: the
 * difference is 0 with a degenerate interval and no test.
 */
export function compareProportions(x1: number, n1: number, x2: number, n2: number): ProportionComparison {
  if (n1 <= 0 || n2 <= 0) return { difference: null, ci: null, z: null, p: null };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const ci = { low: difference - Z95 * se, high: difference + Z95 * se };
  const pooled = (x1 + x2) / (n1 + n2);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (sePooled === 0) return { difference, ci, z: null, p: null };
  const z = difference / sePooled;
  return { difference, ci, z, p: twoSidedP(z) };
}

export interface MeanSample {
  n: number;
  mean: number;
  /** Sample variance (n - 1 denominator); 0 for n < 2. */
  variance: number;
}

/** Welch's comparison of two means (unequal variances): treatment a against holdout b. */
export function compareMeans(a: MeanSample, b: MeanSample): MeanComparison {
  if (a.n <= 0 || b.n <= 0) return { difference: null, ci: null, df: null, p: null };
  const difference = a.mean - b.mean;
  if (a.n < 2 || b.n < 2) return { difference, ci: null, df: null, p: null };
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { difference, ci: { low: difference, high: difference }, df: null, p: null };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = studentTQuantile(0.975, df);
  const stat = difference / se;
  return { difference, ci: { low: difference - t * se, high: difference + t * se }, df, p: 2 * studentTCdf(-Math.abs(stat), df) };
}
