import { describe, expect, it } from 'vitest';
import { minimize, minimizeSmooth } from '../../server/models/optimize.ts';
import { digamma, hyp2f1, lbeta, lgamma } from '../../server/models/special.ts';

/** Relative difference, falling back to absolute near zero. */
const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.max(1, Math.abs(expected));

describe('lgamma', () => {
  it('matches ln((n-1)!) and ln Gamma(n + 1/2) built from their products', () => {
    let logFactorial = 0; // ln((n-1)!)
    let logHalf = 0.5 * Math.log(Math.PI); // ln Gamma(n + 1/2) = ln(sqrt(pi) * prod_{k<n} (k + 1/2))
    for (let n = 1; n <= 60; n++) {
      expect(rel(lgamma(n), logFactorial)).toBeLessThan(1e-13);
      expect(rel(lgamma(n - 0.5), logHalf)).toBeLessThan(1e-13);
      logFactorial += Math.log(n);
      logHalf += Math.log(n - 0.5);
    }
  });

  it('matches high-precision values across the range (mpmath.loggamma, 30 digits)', () => {
    const known: [number, number][] = [
      [1e-8, 18.4206807381802088844527450222],
      [0.3, 1.09579799481807556056299850031],
      [1234.5, 7550.55090107789489572983556774],
      [1e6, 12815504.569147611659976971785],
    ];
    for (const [x, v] of known) expect(rel(lgamma(x), v)).toBeLessThan(1e-13);
  });

  it('refuses arguments outside x > 0', () => {
    expect(() => lgamma(0)).toThrow(RangeError);
    expect(() => lgamma(-1.5)).toThrow(RangeError);
    expect(() => lgamma(Number.NaN)).toThrow(RangeError);
  });
});

describe('lbeta', () => {
  it('matches B(1, b) = 1/b, B(2, 3) = 1/12 and is symmetric', () => {
    expect(rel(lbeta(1, 7.5), -Math.log(7.5))).toBeLessThan(1e-14);
    expect(rel(lbeta(2, 3), -Math.log(12))).toBeLessThan(1e-14);
    expect(lbeta(0.793, 2.426)).toBeCloseTo(lbeta(2.426, 0.793), 14);
  });
});

describe('digamma', () => {
  const eulerGamma = 0.5772156649015329;
  it('matches psi(1) = -gamma, psi(1/2) = -gamma - 2 ln 2 and psi(n + 1) = -gamma + H_n', () => {
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 14);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.LN2, 14);
    let harmonic = 0;
    for (let n = 1; n <= 40; n++) {
      harmonic += 1 / n;
      expect(digamma(n + 1)).toBeCloseTo(-eulerGamma + harmonic, 13);
    }
  });

  it('matches high-precision values (mpmath.digamma) and the recurrence psi(x + 1) = psi(x) + 1/x', () => {
    expect(rel(digamma(0.3), -3.50252422220013312491535114755)).toBeLessThan(1e-14);
    expect(rel(digamma(7.25), 1.91045352688373602838249456122)).toBeLessThan(1e-14);
    expect(rel(digamma(1e7), 16.1180956009583189547926068495)).toBeLessThan(1e-14);
    for (const x of [0.01, 0.77, 3.3, 9.99, 10.5]) expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 11);
  });
});

describe('hyp2f1', () => {
  it('matches 2F1(1, 1; 2; z) = -ln(1 - z) / z, up to z = 0.999', () => {
    for (const z of [0.01, 0.3, 0.5, 0.9, 0.99, 0.999]) expect(rel(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-12);
  });

  it('matches 2F1(a, b; b; z) = (1 - z)^-a at BG/NBD-like arguments', () => {
    for (const [a, b, z] of [
      [0.243, 4.426, 0.47],
      [2.243, 1.5, 0.8],
      [30, 12, 0.6],
    ])
      expect(rel(hyp2f1(a, b, b, z), (1 - z) ** -a)).toBeLessThan(1e-12);
  });

  it('matches the arctanh and arcsin forms', () => {
    for (const x of [0.2, 0.6, 0.9]) {
      expect(rel(hyp2f1(0.5, 1, 1.5, x * x), Math.atanh(x) / x)).toBeLessThan(1e-13);
      expect(rel(hyp2f1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x)).toBeLessThan(1e-13);
    }
  });

  it('handles -1 < c < 0 (a + b < 1 in E[X(t)]), as mpmath.hyp2f1 does', () => {
    expect(rel(hyp2f1(0.3, 0.4, -0.5, 0.7), -0.113039327892061213792318845222)).toBeLessThan(1e-13);
  });

  it('scales by e^logScale inside the series, so a huge 2F1 times a tiny prefactor stays finite', () => {
    // (1 - z)^a * 2F1(a, b; b; z) = 1 although 2F1 alone is 10^1000.
    expect(hyp2f1(1000, 3, 3, 0.9, 1000 * Math.log(0.1))).toBeCloseTo(1, 10);
    expect(hyp2f1(0.5, 1, 1.5, 0, Math.log(3))).toBeCloseTo(3, 14);
  });

  it('refuses arguments outside its domain and says when the series does not converge', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, -0.1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/undefined for c = -2/);
    expect(() => hyp2f1(0, 1, 2, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, 0.999, 0, 100)).toThrow(/did not converge in 100 terms/);
  });
});

describe('minimisers', () => {
  const rosenbrock = (x: number[]) => {
    let s = 0;
    for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
    return s;
  };
  const rosenbrockGradient = (x: number[]) =>
    x.map((xi, i) => (i + 1 < x.length ? -400 * xi * (x[i + 1] - xi ** 2) - 2 * (1 - xi) : 0) + (i > 0 ? 200 * (xi - x[i - 1] ** 2) : 0));

  it('Nelder–Mead finds the Rosenbrock minimum in 2 and 4 dimensions, the same way every run', () => {
    for (const start of [
      [-1.2, 1],
      [-1.2, 1, -1.2, 1],
    ]) {
      const result = minimize(rosenbrock, start);
      expect(result.converged).toBe(true);
      for (const p of result.params) expect(p).toBeCloseTo(1, 6);
      expect(minimize(rosenbrock, start)).toEqual(result);
    }
  });

  it('Nelder–Mead reports an exhausted budget as not converged', () => {
    const result = minimize(rosenbrock, [-1.2, 1], { maxIterations: 20 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(20);
  });

  it('BFGS finds the Rosenbrock minimum from its gradient in far fewer evaluations', () => {
    let evaluations = 0;
    const fg = (x: number[]) => (evaluations++, { value: rosenbrock(x), gradient: rosenbrockGradient(x) });
    const result = minimizeSmooth(fg, [-1.2, 1, -1.2, 1]);
    expect(result.converged).toBe(true);
    for (const p of result.params) expect(p).toBeCloseTo(1, 6);
    expect(evaluations).toBeLessThan(300);
  });

  it('BFGS reports an exhausted budget as not converged and never accepts a worse point', () => {
    const result = minimizeSmooth((x) => ({ value: rosenbrock(x), gradient: rosenbrockGradient(x) }), [-1.2, 1], { maxIterations: 5 });
    expect(result.converged).toBe(false);
    expect(result.value).toBeLessThan(rosenbrock([-1.2, 1]));
  });
});
