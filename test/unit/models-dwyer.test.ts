import { describe, expect, it } from 'vitest';
import { dwyerClv } from '../../server/models/dwyer.ts';

describe('Dwyer customer-migration CLV', () => {
  it('matches a hand-worked three-period example', () => {
    // M = 100 a period, r = 0.8, i = 10%, T = 3:
    //   t = 1: 100 * 0.8^0 / 1.1^1 = 100 / 1.1   =  90.909091
    //   t = 2: 100 * 0.8^1 / 1.1^2 =  80 / 1.21  =  66.115702
    //   t = 3: 100 * 0.8^2 / 1.1^3 =  64 / 1.331 =  48.084147
    //   CLV                                       = 205.108940
    const result = dwyerClv({ margin: 100, retention: 0.8, discount: 0.1, horizon: 3 });
    expect(result.contributions.map((c) => Number(c.toFixed(6)))).toEqual([90.909091, 66.115702, 48.084147]);
    expect(result.clv).toBeCloseTo(205.10894, 5);
    expect(result).toMatchObject({ margins: [100, 100, 100], retention: 0.8, discount: 0.1, horizon: 3 });
  });

  it('takes one margin per period, the horizon being their number', () => {
    // [100, 120, 150] with r = 0.5 and no discounting: 100 + 120 * 0.5 + 150 * 0.25 = 197.5.
    const result = dwyerClv({ margin: [100, 120, 150], retention: 0.5, discount: 0 });
    expect(result.horizon).toBe(3);
    expect(result.clv).toBeCloseTo(197.5, 12);
  });

  it('tends to the perpetuity M / (1 + i - r) over a long horizon and is M * T without churn or discounting', () => {
    expect(dwyerClv({ margin: 100, retention: 0.8, discount: 0.1, horizon: 500 }).clv).toBeCloseTo(100 / 0.3, 8);
    expect(dwyerClv({ margin: 25, retention: 1, discount: 0, horizon: 12 }).clv).toBe(300);
  });

  it('refuses inputs that make no sense', () => {
    expect(() => dwyerClv({ margin: 100, retention: 0.8, discount: 0.1 })).toThrow(/horizon/);
    expect(() => dwyerClv({ margin: [1, 2], retention: 0.8, discount: 0.1, horizon: 3 })).toThrow(/2 margins for a horizon of 3/);
    expect(() => dwyerClv({ margin: 100, retention: 1.2, discount: 0.1, horizon: 3 })).toThrow(/retention/);
    expect(() => dwyerClv({ margin: 100, retention: 0.8, discount: -1, horizon: 3 })).toThrow(/discount/);
    expect(() => dwyerClv({ margin: [1, Number.NaN], retention: 0.8, discount: 0.1 })).toThrow(/finite/);
  });
});
