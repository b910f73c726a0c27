import { describe, expect, it } from 'vitest';
import { expectedClv } from '../../server/models/clv.ts';
import { lastCompleteDay } from '../../server/asOf.ts';
import { riskTier, RISK_TIERS } from '../../server/models/riskTier.ts';
import { DAYS_PER_MONTH, scoreSpend, scoreTriples } from '../../server/models/scoring.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';

// The lifetimes library's CDNOW fit (weeks) and Gamma-Gamma fit, as in models-cdnow.test.ts.
const WEEKLY = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
const SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };
const CLV = { horizonMonths: 12, monthlyDiscount: 0.01 };

describe('churn-risk tiers', () => {
  it('takes the first tier whose limit either measure falls below', () => {
    expect(riskTier(0.95, 20)).toBe('low');
    expect(riskTier(0.79, 20)).toBe('medium');
    expect(riskTier(0.95, 3.9)).toBe('medium');
    expect(riskTier(0.49, 20)).toBe('high');
    expect(riskTier(1, 0.5)).toBe('high');
    expect(riskTier(0.09, 20)).toBe('gone');
    // A one-day player long gone quiet: alive by the model's assumption, but expecting no visit.
    expect(riskTier(1, 0.05)).toBe('gone');
    expect(RISK_TIERS.map((t) => t.tier)).toEqual(['gone', 'high', 'medium', 'low']);
  });
});

describe('scores per distinct summary', () => {
  const triples = [
    { x: 0, t_x_days: 0, T_days: 70, n: 5 },
    { x: 2, t_x_days: 213, T_days: 272, n: 1 },
    { x: 7, t_x_days: 206, T_days: 272, n: 2 },
  ];

  // Expected values computed outside the code base with Python's mpmath at 40 digits, from the
  // published formulas (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
  // P(alive) = 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) for x > 0, and E[Y(t) | x, t_x, T]
  // by their equation (10) with mpmath's own 2F1; t_x = 213/7 and T = 272/7 weeks.
  it('converts days to the model unit and computes P(alive), E[Y(30 days)], E[Y(90 days)]', () => {
    const [, two] = scoreTriples('engagement', WEEKLY, triples, 'week', CLV);
    expect(two.p_alive).toBeCloseTo(0.726620251483761, 12);
    expect(two.expected_30).toBeCloseTo(0.157607886513833, 12);
    expect(two.expected_90).toBeCloseTo(0.45248354597434, 12);
    // Below 1 expected day in the next 30 (0.158), though P(alive) is 0.73: the 'high' tier.
    expect(two.risk_tier).toBe('high');
    expect(two.discounted_transactions).toBe(0);
  });

  it('gives the monetary model the discounted purchases over the horizon, so CLV = spend x that', () => {
    // The same mpmath computation, summed month by month (a month = 365.25/12 days) over 12 months,
    // each month's E[Y(m)] - E[Y(m-1)] discounted by 1.01^m, for the three triples in order.
    const DISCOUNTED = [0.591576561291466, 1.472226180770879, 3.970176581228157];
    const scores = scoreTriples('monetary', WEEKLY, triples, 'week', CLV);
    for (const [i, s] of scores.entries()) {
      const { x, t_x_days, T_days } = triples[i];
      const player = { x, t_x: t_x_days / 7, T: T_days / 7 };
      const horizon = { months: 12, monthlyDiscount: 0.01, periodsPerMonth: DAYS_PER_MONTH / 7 };
      expect(s.discounted_transactions).toBeCloseTo(DISCOUNTED[i], 9);
      expect(expectedClv(WEEKLY, player, 24.66, horizon)).toBeCloseTo(24.66 * DISCOUNTED[i], 8);
      expect(s.risk_tier).toBe('');
    }
  });

  it('scores the same in days as in weeks once alpha is rescaled', () => {
    const days = scoreTriples('engagement', { ...WEEKLY, alpha: WEEKLY.alpha * 7 }, triples, 'day', CLV);
    const weeks = scoreTriples('engagement', WEEKLY, triples, 'week', CLV);
    days.forEach((d, i) => {
      expect(d.p_alive).toBeCloseTo(weeks[i].p_alive, 12);
      expect(d.expected_90).toBeCloseTo(weeks[i].expected_90, 10);
    });
  });

  it('gives a payer without repeats the population mean spend and counts a refunded-away mean as zero', () => {
    const [none, netted, own] = scoreSpend(SPEND, [
      { x: 0, zbar: '0' },
      { x: 2, zbar: '-3.5' },
      { x: 2, zbar: '22.35' },
    ]);
    // Worked by hand from E[Z | x, zbar] = (q-1)/(px+q-1) * p*gamma/(q-1) + px/(px+q-1) * zbar
    // (Fader, Hardie & Lee 2005, JMR), p*gamma = 96.5: x = 0 gives 96.5 / 2.74 = 35.21898;
    // zbar counted as 0 gives 96.5 / 15.24 = 6.33202; zbar = 22.35 gives (96.5 + 12.5 * 22.35) / 15.24 = 24.66371.
    expect(none.expected_spend).toBe('35.2190');
    expect(netted.expected_spend).toBe('6.3320');
    expect(own).toMatchObject({ x: 2, zbar: '22.35' });
    expect(own.expected_spend).toBe('24.6637');
  });
});

describe('model settings', () => {
  it('defaults the as-of day to the last day with data, never today', () => {
    expect(lastCompleteDay('2026-03-31', 'UTC')).toBe('2026-03-31');
    expect(lastCompleteDay('2999-01-01', 'UTC') < '2999-01-01').toBe(true);
  });

  it('reads the CLV discount rate and horizon from the environment', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/x' } as NodeJS.ProcessEnv, '/tmp').clv).toEqual({ monthlyDiscount: 0.01, horizonMonths: 12 });
    expect(loadConfig({ CLV_MONTHLY_DISCOUNT: '0.02', CLV_HORIZON_MONTHS: '24' } as NodeJS.ProcessEnv, '/tmp').clv).toEqual({
      monthlyDiscount: 0.02,
      horizonMonths: 24,
    });
    expect(() => loadConfig({ CLV_MONTHLY_DISCOUNT: '5%' } as NodeJS.ProcessEnv, '/tmp')).toThrow(ConfigError);
    expect(() => loadConfig({ CLV_HORIZON_MONTHS: '0' } as NodeJS.ProcessEnv, '/tmp')).toThrow(/CLV_HORIZON_MONTHS/);
  });
});
