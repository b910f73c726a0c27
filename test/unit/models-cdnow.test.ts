import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, expectedTransactions, expectedTransactionsNew, fitBgNbd, probabilityAlive, type BgNbdParams } from '../../server/models/bgnbd.ts';
import { expectedClv, WEEKS_PER_MONTH } from '../../server/models/clv.ts';
import { expectedSpend, fitGammaGamma, populationMeanSpend } from '../../server/models/gammaGamma.ts';
import { readCdnowSummary } from '../helpers/cdnowSummary.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CDNOW = path.resolve(repoRoot, '../shared/data/cdnow');
const haveCdnow = existsSync(CDNOW);
if (!haveCdnow && process.env.CI === 'true') throw new Error(`CI must run the CDNOW tests, but ${CDNOW} is missing`);
if (!haveCdnow) console.warn(`skipping the CDNOW model tests: no ${CDNOW} (the shared data folder beside the repository)`);

/** Agreement to three significant figures: both round to the same three. */
const threeFigures = (v: number) => Number(v.toPrecision(3));

/** Customer 1 of the CDNOW sample: 2 repeat purchases, the last at week 30.43, observed 38.86 weeks. */
const CUSTOMER_1 = { x: 2, t_x: 30.43, T: 38.86 };

// The parameters the lifetimes library's documentation prints for its CDNOW fit
// (docs/Quickstart.md of CamDavidsonPilon/lifetimes: BetaGeoFitter summary).
const LIFETIMES_BGNBD: BgNbdParams = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

describe('published BG/NBD and CLV values that need no data file', () => {
  it('matches the lifetimes Quickstart ranking of expected purchases in the next week', () => {
    // "predicted_purchases" for t = 1, docs/Quickstart.md (customers 509, 841, 1981, 157, 1516).
    const published: [number, number, number, number][] = [
      [18, 35.14, 35.86, 0.424877],
      [19, 34.0, 34.14, 0.474738],
      [17, 28.43, 28.86, 0.486526],
      [29, 37.71, 38.0, 0.662396],
      [26, 30.86, 31.0, 0.710623],
    ];
    for (const [x, t_x, T, value] of published) expect(expectedTransactions(LIFETIMES_BGNBD, 1, x, t_x, T)).toBeCloseTo(value, 5);
  });

  it('matches the lifetimes Quickstart CLV over 12 months at 1% a month', () => {
    // ggf.customer_lifetime_value(bgf, ..., time=12, discount_rate=0.01) in docs/Quickstart.md,
    // with the spend each customer gets from its conditional_expected_average_profit. lifetimes
    // counts a month as 30 time units (freq="D") while the CDNOW summary is in weeks, so its
    // "month" is 30 weeks; the convention is otherwise the one clv.ts documents.
    const horizon = { months: 12, monthlyDiscount: 0.01, periodsPerMonth: 30 };
    const published: [{ x: number; t_x: number; T: number }, number, number][] = [
      [CUSTOMER_1, 24.658619, 140.096211],
      [{ x: 1, t_x: 1.71, T: 38.86 }, 18.911489, 18.943467],
      [{ x: 0, t_x: 0, T: 38.86 }, 35.170981, 38.180574],
      [{ x: 7, t_x: 29.43, T: 38.86 }, 71.462843, 1003.868107],
    ];
    for (const [player, spend, clv] of published) expect(expectedClv(LIFETIMES_BGNBD, player, spend, horizon) / clv).toBeCloseTo(1, 5);
  });

  it('without discounting, CLV is spend times the expected transactions over the whole horizon', () => {
    // The monthly differences telescope; discounting can only lower the sum.
    const horizon = { months: 24, monthlyDiscount: 0, periodsPerMonth: WEEKS_PER_MONTH };
    const { x, t_x, T } = CUSTOMER_1;
    const whole = 24.66 * expectedTransactions(LIFETIMES_BGNBD, 24 * WEEKS_PER_MONTH, x, t_x, T);
    expect(expectedClv(LIFETIMES_BGNBD, CUSTOMER_1, 24.66, horizon)).toBeCloseTo(whole, 10);
    expect(expectedClv(LIFETIMES_BGNBD, CUSTOMER_1, 24.66, { ...horizon, monthlyDiscount: 0.01 })).toBeLessThan(whole);
    expect(() => expectedClv(LIFETIMES_BGNBD, CUSTOMER_1, 24.66, { ...horizon, months: 1.5 })).toThrow(/months must be a whole number/);
  });

  it('stays finite for very frequent buyers (Fader & Hardie, "Overcoming the BG/NBD model’s #NUM! error problem", 2013)', () => {
    // x = 200, t_x = 38, T = 40 at r = 0.25, alpha = 4, a = 0.8, b = 2.5: ln L = 100.7957 in the note's
    // worked example (also asserted by the btyd library's tests/test_beta_geo_model.py).
    expect(bgNbdLogLikelihood({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, [{ x: 200, t_x: 38, T: 40, n: 1 }])).toBeCloseTo(100.7957, 4);
  });
});

describe.skipIf(!haveCdnow)('CDNOW: the published BG/NBD and Gamma-Gamma results', () => {
  const { bgnbd, spend } = haveCdnow ? readCdnowSummary(CDNOW) : { bgnbd: [], spend: [] };

  it('fits BG/NBD to r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4 (Fader, Hardie & Lee 2005)', () => {
    const fit = fitBgNbd(bgnbd);
    if (fit.status === 'too_few_players') throw new Error(fit.message);
    expect(fit.status).toBe('ok');
    expect(fit.players).toBe(2357);
    const { r, alpha, a, b } = fit.params;
    expect([r, alpha, a, b].map(threeFigures)).toEqual([0.243, 4.414, 0.793, 2.426].map(threeFigures));
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it('gives customer 1 the published E[Y(39)] and an independently computed P(alive)', () => {
    const fit = fitBgNbd(bgnbd);
    if (fit.status === 'too_few_players') throw new Error(fit.message);
    const p = fit.params;
    const { x, t_x, T } = CUSTOMER_1;
    // 1.226 transactions in the next 39 weeks: Hardie's BG/NBD spreadsheet, as asserted in the
    // lifetimes library's tests/test_estimation.py ("returns same value as Hardie excel sheet").
    expect(expectedTransactions(p, 39, x, t_x, T)).toBeCloseTo(1.226, 3);
    // P(alive) is the alive share of the likelihood (Fader, Hardie & Lee 2008, "Computing
    // P(alive) using the BG/NBD model"). For x = 2 the beta and gamma ratios are polynomials:
    // B(a, b+2)/B(a, b) = b(b+1)/((a+b)(a+b+1)), B(a+1, b+1)/B(a, b) = ab/((a+b)(a+b+1)).
    const alivePart = p.b * (p.b + 1) * (p.alpha + T) ** -(p.r + 2);
    const diedPart = p.a * p.b * (p.alpha + t_x) ** -(p.r + 2);
    expect(probabilityAlive(p, x, t_x, T)).toBeCloseTo(alivePart / (alivePart + diedPart), 12);
  });

  it('gives a new customer the E[X(t)] of Hardie’s spreadsheet', () => {
    // Values asserted in lifetimes' tests/test_estimation.py ("Hardie excel sheet"); the sheet's
    // own solver stopped a little off the optimum, which shows in the fourth decimal at 78 weeks.
    const fit = fitBgNbd(bgnbd);
    if (fit.status === 'too_few_players') throw new Error(fit.message);
    const published: [number, number][] = [
      [0.1429, 0.0078],
      [1, 0.0532],
      [3, 0.1506],
      [31.8571, 1.0405],
      [32, 1.0437],
      [78, 1.8576],
    ];
    for (const [t, value] of published) expect(Math.abs(expectedTransactionsNew(fit.params, t) - value)).toBeLessThan(5e-4);
  });

  it('fits Gamma-Gamma on the 946 repeat buyers to p = 6.25, q = 3.74, gamma = 15.44 (Fader, Hardie & Lee 2005, JMR)', () => {
    expect(spend.length).toBe(946);
    const fit = fitGammaGamma(spend);
    if (fit.status === 'too_few_players') throw new Error(fit.message);
    expect(fit.status).toBe('ok');
    const { p, q, gamma } = fit.params;
    expect([p, q, gamma].map(threeFigures)).toEqual([6.25, 3.74, 15.44].map(threeFigures));
    // conditional_expected_average_profit in lifetimes' docs/Quickstart.md (customers 1, 2, 6 and any x = 0).
    expect(expectedSpend(fit.params, 2, 22.35)).toBeCloseTo(24.658619, 3);
    expect(expectedSpend(fit.params, 1, 11.77)).toBeCloseTo(18.911489, 3);
    expect(expectedSpend(fit.params, 7, 73.74)).toBeCloseTo(71.462843, 3);
    expect(populationMeanSpend(fit.params)).toBeCloseTo(35.170981, 3);
  });
});
