import { describe, expect, test } from 'vitest';
import { economics, reasonText, sortProposals } from '../../server/offers/economics.ts';
import { fromUnits, moneyRatio, scaleMoney, subMoney, toUnits } from '../../server/money.ts';
import type { Economics } from '../../contract/offers.ts';
import { ANY_CONDITIONS } from '../../server/offers/defaults.ts';

const totals = (members: number, totalCost: string, totalClv: string, modelClv = members, fallbackClv = 0) => ({
  members,
  totalCost,
  totalClv,
  modelClv,
  fallbackClv,
});

describe('decimal money', () => {
  test('parses and formats ten-thousandths exactly', () => {
    expect(toUnits('48200')).toBe(482_000_000n);
    expect(toUnits('0.0001')).toBe(1n);
    expect(toUnits('-2.5')).toBe(-25_000n);
    expect(fromUnits(-25_000n)).toBe('-2.5000');
    expect(() => toUnits('1e3')).toThrow(/not a decimal/);
    expect(() => toUnits('1.23456')).toThrow(/not a decimal/);
  });
  test('scales by a ratio with half-away-from-zero rounding at 4 places', () => {
    // 0.1 + 0.2 style float trouble does not reach money: 0.30 x 0.1 = 0.03 exactly.
    expect(scaleMoney('0.30', 0.1)).toBe('0.0300');
    // 0.0005 x 0.5 = 0.00025 -> 0.0003 (half away from zero); -0.00025 -> -0.0003.
    expect(scaleMoney('0.0005', 0.5)).toBe('0.0003');
    expect(scaleMoney('-0.0005', 0.5)).toBe('-0.0003');
    expect(subMoney('1.0000', '2.5')).toBe('-1.5000');
    expect(moneyRatio('1', '0')).toBeNull();
    expect(moneyRatio('-6', '6')).toBe(-1);
  });
});

describe('proposal economics', () => {
  test('the worked example: 812 declining whales and dolphins idle 7-30 days', () => {
    const offer = {
      stages: ['decline' as const],
      conditions: { ...ANY_CONDITIONS, tiers: ['whale' as const, 'dolphin' as const], minIdleDays: 7, maxIdleDays: 30 },
      assumedUplift: 0.15,
    };
    // cost 812 x 3.00 = 2,436.00; retained 0.15 x 48,200.00 = 7,230.00;
    // net 7,230 - 2,436 = 4,794.00; ROI 4,794 / 2,436 = 1.96798...
    const e = economics(offer, totals(812, '2436.0000', '48200.0000', 800, 12));
    expect(e.retained).toBe('7230.0000');
    expect(e.net).toBe('4794.0000');
    expect(e.roi).toBeCloseTo(4794 / 2436, 12);
    expect(e.reason.code).toBe('pays');
    expect(e.reason.values).toEqual({
      stages: 'decline',
      tiers: 'whale,dolphin',
      minIdle: 7,
      maxIdle: 30,
      members: 812,
      clv: '48200.0000',
      uplift: 0.15,
      retained: '7230.0000',
      cost: '2436.0000',
      net: '4794.0000',
      fallback: 12,
    });
    expect(reasonText(e.reason, 'USD')).toBe(
      '812 decline whale/dolphin players idle 7-30 days carry USD 48,200.00 of expected value; at a 15% rate that is USD 7,230.00 back for USD 2,436.00 of rewards',
    );
  });

  test('rounds the retained revenue once, at 4 places', () => {
    // 1,462.1859 x 0.08 = 116.974872 -> 116.9749; net 116.9749 - 10 = 106.9749; ROI 10.69749.
    const e = economics({ stages: ['decline'], conditions: ANY_CONDITIONS, assumedUplift: 0.08 }, totals(5, '10', '1462.1859', 0, 5));
    expect(e.retained).toBe('116.9749');
    expect(e.net).toBe('106.9749');
    expect(e.roi).toBeCloseTo(10.69749, 12);
    expect(e.fallbackClv).toBe(5);
  });

  test('a spend-share offer that gives away more than it retains loses money', () => {
    // CLV 533.6445, cost 5% of it = 26.6823 (per member, rounded), uplift 0.04 -> retained 21.34578 -> 21.3458;
    // net 21.3458 - 26.6823 = -5.3365; ROI -5.3365 / 26.6823 = -0.2000015...
    const e = economics({ stages: ['growth'], conditions: ANY_CONDITIONS, assumedUplift: 0.04 }, totals(2, '26.6823', '533.6445'));
    expect(e.net).toBe('-5.3365');
    expect(e.roi).toBeCloseTo(-5.3365 / 26.6823, 12);
    expect(e.reason.code).toBe('loses');
  });

  test('no visible value, and nobody at all', () => {
    // Two non-payers at 3.00 each: retained 0, net -6.00, ROI -1.
    const none = economics(
      { stages: ['decline'], conditions: { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'] }, assumedUplift: 0.15 },
      totals(2, '6', '0', 0, 2),
    );
    expect([none.retained, none.net, none.roi, none.reason.code]).toEqual(['0.0000', '-6.0000', -1, 'no_value']);
    expect(none.reason.values.statuses).toBe('leaving,lapsed');
    const empty = economics({ stages: ['stable'], conditions: ANY_CONDITIONS, assumedUplift: 0.05 }, totals(0, '0', '0', 0, 0));
    expect([empty.retained, empty.net, empty.roi, empty.reason.code]).toEqual(['0.0000', '0.0000', null, 'empty']);
    expect(reasonText(empty.reason, 'USD')).toBe('nobody matches the offer on this day');
  });
});

describe('proposal order', () => {
  const p = (offerId: string, members: number, cost: string, clv: string, uplift: number) => ({
    offerId,
    economics: economics({ stages: ['growth'], conditions: ANY_CONDITIONS, assumedUplift: uplift }, totals(members, cost, clv)),
  });
  // a: retained 10, net 0, ROI 0; b: retained 50, net 30, ROI 1.5; c: free, retained 1, ROI null; d: retained 5, net -95, ROI -0.95.
  const list = [p('a', 10, '10', '100', 0.1), p('b', 20, '20', '500', 0.1), p('c', 3, '0', '10', 0.1), p('d', 40, '100', '50', 0.1)];
  const ids = (xs: { offerId: string; economics: Economics }[]) => xs.map((x) => x.offerId);
  test('by ROI (free offers last), net, cost, audience and retained', () => {
    expect(ids(sortProposals(list, 'roi'))).toEqual(['b', 'a', 'd', 'c']);
    expect(ids(sortProposals(list, 'net'))).toEqual(['b', 'c', 'a', 'd']);
    expect(ids(sortProposals(list, 'cost'))).toEqual(['d', 'b', 'a', 'c']);
    expect(ids(sortProposals(list, 'audience'))).toEqual(['d', 'b', 'a', 'c']);
    expect(ids(sortProposals(list, 'retained'))).toEqual(['b', 'a', 'd', 'c']);
  });
});
