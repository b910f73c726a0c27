import { describe, expect, it } from 'vitest';
import { expectedTransactions, probabilityAlive } from '../../server/models/bgnbd.ts';
import { expectedClv } from '../../server/models/clv.ts';
import { populationMeanSpend } from '../../server/models/gammaGamma.ts';
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

  it('converts days to the model unit and computes P(alive), E[Y(30 days)], E[Y(90 days)]', () => {
    const [, two] = scoreTriples('engagement', WEEKLY, triples, 'week', CLV);
    expect(two.p_alive).toBeCloseTo(probabilityAlive(WEEKLY, 2, 213 / 7, 272 / 7), 12);
    expect(two.expected_30).toBeCloseTo(expectedTransactions(WEEKLY, 30 / 7, 2, 213 / 7, 272 / 7), 12);
    expect(two.expected_90).toBeCloseTo(expectedTransactions(WEEKLY, 90 / 7, 2, 213 / 7, 272 / 7), 12);
    expect(two.risk_tier).toBe(riskTier(two.p_alive, two.expected_30));
    expect(two.discounted_transactions).toBe(0);
  });

  it('gives the monetary model the discounted purchases over the horizon, so CLV = spend x that', () => {
    const scores = scoreTriples('monetary', WEEKLY, triples, 'week', CLV);
    for (const [i, s] of scores.entries()) {
      const { x, t_x_days, T_days } = triples[i];
      const player = { x, t_x: t_x_days / 7, T: T_days / 7 };
      const horizon = { months: 12, monthlyDiscount: 0.01, periodsPerMonth: DAYS_PER_MONTH / 7 };
      expect(s.discounted_transactions * 24.66).toBeCloseTo(expectedClv(WEEKLY, player, 24.66, horizon), 9);
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
    expect(Number(none.expected_spend)).toBeCloseTo(populationMeanSpend(SPEND), 4);
    expect(netted.expected_spend).toBe(((SPEND.p * SPEND.gamma) / (SPEND.p * 2 + SPEND.q - 1)).toFixed(4));
    expect(own).toMatchObject({ x: 2, zbar: '22.35' });
    expect(own.expected_spend).toMatch(/^\d+\.\d{4}$/);
  });
});

describe('model settings', () => {
  it('defaults the as-of day to the last day with data, never today', () => {
    expect(lastCompleteDay('2026-03-31', 'UTC')).toBe('2026-03-31');
    expect(lastCompleteDay('2999-01-01', 'UTC') < '2999-01-01').toBe(true);
  });

  it('reads the CLV discount rate and horizon from the environment', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/x' } as NodeJS.ProcessEnv, '/tmp').clv).toEqual({ monthlyDiscount: 0.01, horizonMonths: 12 });
    expect(loadConfig({ CLV_MONTHLY_DISCOUNT: '0.02', CLV_HORIZON_MONTHS: '24' } as NodeJS.ProcessEnv, '/tmp').clv).toEqual({ monthlyDiscount: 0.02, horizonMonths: 24 });
    expect(() => loadConfig({ CLV_MONTHLY_DISCOUNT: '5%' } as NodeJS.ProcessEnv, '/tmp')).toThrow(ConfigError);
    expect(() => loadConfig({ CLV_HORIZON_MONTHS: '0' } as NodeJS.ProcessEnv, '/tmp')).toThrow(/CLV_HORIZON_MONTHS/);
  });
});
