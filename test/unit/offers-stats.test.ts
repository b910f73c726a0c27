import { describe, expect, it } from 'vitest';
import { compareMeans, compareProportions, erfc, normalCdf, studentTCdf, studentTQuantile, twoSidedP, Z95 } from '../../server/launches/stats.ts';

describe('normal and t distributions', () => {
  it('matches tabulated values to many digits', () => {
    // Reference values (Abramowitz & Stegun tables; any statistics package gives the same digits).
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 14);
    expect(erfc(0.5)).toBeCloseTo(0.479500122186953, 14);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalCdf(Z95)).toBeCloseTo(0.975, 14);
    // Far tail: relative precision kept where 1 - erf would round to 0.
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 10);
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(-1.96)).toBeCloseTo(0.04999579029644, 12);
  });

  it('gives Student t quantiles of the printed tables', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062047361747, 8);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.22813885198627, 9);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.04227245630124, 9);
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(Z95, 9);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 14);
    expect(studentTCdf(-2.22813885198627, 10)).toBeCloseTo(0.025, 11);
  });
});

describe('two proportions', () => {
  it('reproduces the textbook interval: OpenIntro Statistics (4th ed., section 6.2), blood thinners during CPR', () => {
    // Published: treatment 14 of 40 survived, control 11 of 50; point estimate
    // 0.35 - 0.22 = 0.13, SE = 0.095, 95% CI 0.13 +- 1.96 x 0.095 = (-0.06, 0.32).
    const c = compareProportions(14, 40, 11, 50);
    expect(c.difference).toBeCloseTo(0.13, 12);
    const se = (c.ci!.high - c.ci!.low) / (2 * Z95);
    expect(se).toBeCloseTo(0.095, 3);
    expect(c.ci!.low).toBeCloseTo(-0.06, 2);
    expect(c.ci!.high).toBeCloseTo(0.32, 2);
  });

  it('reproduces the textbook test: OpenIntro Statistics (4th ed., section 6.2), the mammogram trial', () => {
    // Published: 500 of 44,925 in the mammogram group and 505 of 44,910 in the
    // control group died of breast cancer; pooled proportion 0.0112,
    // SE 0.00070, Z = -0.17 from the rounded figures, two-sided p-value 0.87.
    const c = compareProportions(500, 44_925, 505, 44_910);
    const pooled = 1005 / (44_925 + 44_910);
    expect(pooled).toBeCloseTo(0.0112, 4);
    expect(c.difference! / c.z!).toBeCloseTo(0.0007, 4); // the pooled SE
    expect(c.z!).toBeGreaterThan(-0.18);
    expect(c.z!).toBeLessThan(-0.16);
    expect(c.p!).toBeCloseTo(0.87, 2);
    // Unrounded by hand: diff = 500/44925 - 505/44910 = -0.000115..., SE = 0.000701..., z = -0.1641.
    expect(c.z!).toBeCloseTo(-0.1641, 3);
  });

  it('handles empty groups and rates of 0 or 1', () => {
    expect(compareProportions(0, 0, 3, 10)).toEqual({ difference: null, ci: null, z: null, p: null });
    expect(compareProportions(0, 10, 0, 20)).toEqual({ difference: 0, ci: { low: 0, high: 0 }, z: null, p: null });
    expect(compareProportions(5, 5, 9, 9)).toEqual({ difference: 0, ci: { low: 0, high: 0 }, z: null, p: null });
    // All returned against none returned: the Wald interval is degenerate, the pooled test is not.
    const split = compareProportions(10, 10, 0, 10);
    expect(split.difference).toBe(1);
    expect(split.ci).toEqual({ low: 1, high: 1 });
    // pooled 0.5, SE = sqrt(0.25 x 0.2) = 0.2236, z = 4.472, p = 7.74e-6.
    expect(split.z!).toBeCloseTo(Math.sqrt(20), 12);
    expect(split.p!).toBeCloseTo(7.744216e-6, 10);
  });
});

describe('two means (Welch)', () => {
  it('computes the interval by hand', () => {
    // a: n 10, mean 5, variance 4; b: n 20, mean 3, variance 1.
    // SE^2 = 4/10 + 1/20 = 0.45; df = 0.45^2 / (0.4^2/9 + 0.05^2/19) = 0.2025 / 0.0179094 = 11.3069;
    // t(0.975, 11.3069) = 2.1913 (between 2.2010 at 11 and 2.1788 at 12); half width 2.1913 x 0.67082 = 1.4700.
    const c = compareMeans({ n: 10, mean: 5, variance: 4 }, { n: 20, mean: 3, variance: 1 });
    expect(c.difference).toBe(2);
    expect(c.df!).toBeCloseTo(11.3069, 3);
    expect(c.ci!.low).toBeCloseTo(2 - 1.47, 2);
    expect(c.ci!.high).toBeCloseTo(2 + 1.47, 2);
    expect(c.p!).toBeGreaterThan(0.005);
    expect(c.p!).toBeLessThan(0.02);
  });

  it('handles small and constant groups', () => {
    expect(compareMeans({ n: 0, mean: 0, variance: 0 }, { n: 5, mean: 1, variance: 1 }).difference).toBeNull();
    expect(compareMeans({ n: 1, mean: 2, variance: 0 }, { n: 5, mean: 1, variance: 1 })).toEqual({ difference: 1, ci: null, df: null, p: null });
    expect(compareMeans({ n: 4, mean: 0, variance: 0 }, { n: 5, mean: 0, variance: 0 })).toEqual({ difference: 0, ci: { low: 0, high: 0 }, df: null, p: null });
  });
});
