/**
 * Special functions the lifecycle models need: log-gamma, log-beta and the
 * Gauss hypergeometric series. Written for the positive arguments the models
 * produce, with their domains checked so a bad input fails loudly instead of
 * turning a fit into NaN.
 */

/** Lanczos coefficients for g = 7, n = 9: relative error about 1e-15 for x > 0. */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos approximation; reflection below 0.5 keeps tiny x accurate). */
export function lgamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`lgamma needs a finite x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b). */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/**
 * digamma psi(x) = d/dx ln Gamma(x) for x > 0, for likelihood gradients: the
 * recurrence psi(x) = psi(x + 1) - 1/x lifts x to 10 or more, where the
 * asymptotic series is accurate to about 1e-15.
 */
export function digamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`digamma needs a finite x > 0, got ${x}`);
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const i2 = 1 / (x * x);
  // Bernoulli terms B_2k / (2k x^2k) for k = 1..7.
  const series = i2 * (1 / 12 - i2 * (1 / 120 - i2 * (1 / 252 - i2 * (1 / 240 - i2 * (1 / 132 - i2 * (691 / 32760 - i2 / 12))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** Stop when the bound on the series' remaining tail is below this share of the sum. */
const SERIES_TOLERANCE = 1e-15;
/** Partial sums are rescaled by this factor when they grow past it, to stay finite. */
const RESCALE = 1e200;
const LOG_RESCALE = Math.log(RESCALE);

/**
 * e^logScale * 2F1(a, b; c; z), the Gauss hypergeometric function by its power
 * series, for a, b > 0, c not zero or a negative integer, and 0 <= z < 1 (the
 * arguments of the BG/NBD expectations). The scale lets callers multiply by a
 * tiny prefactor such as (1 - z)^a without the series overflowing first.
 * Once every later factor (c + k) is positive the terms keep one sign, so the
 * remaining tail is bounded by a geometric series; the sum stops when that
 * bound is negligible. Near z = 1 the series needs many terms; past `maxTerms`
 * it throws instead of returning a truncated value.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, logScale = 0, maxTerms = 1_000_000): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`hyp2f1 needs a > 0 and b > 0, got a = ${a}, b = ${b}`);
  if (!Number.isFinite(c) || (c <= 0 && Number.isInteger(c))) throw new RangeError(`hyp2f1 is undefined for c = ${c}`);
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1 series needs 0 <= z < 1, got z = ${z}`);
  if (z === 0) return Math.exp(logScale);
  // Bounds on the later ratios term(j+1)/term(j) = z (a+j)(b+j) / ((c+j)(1+j)) <= z (1 + delta_k).
  const slope = Math.max(0, a + b - c - 1);
  const offset = Math.max(0, a * b - c);
  let term = 1;
  let sum = 1;
  let shift = logScale;
  for (let k = 0; k < maxTerms; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) > RESCALE || Math.abs(sum) > RESCALE) {
      term /= RESCALE;
      sum /= RESCALE;
      shift += LOG_RESCALE;
    }
    const next = c + k + 1;
    if (next <= 0) continue;
    const ratioBound = z * (1 + slope / next + offset / (next * (k + 2)));
    if (ratioBound < 1 && Math.abs(term) * ratioBound <= SERIES_TOLERANCE * Math.abs(sum) * (1 - ratioBound)) return sum * Math.exp(shift);
  }
  throw new Error(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}
