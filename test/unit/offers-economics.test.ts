import { describe, expect, test } from 'vitest';
import { assumedUplift, economics, pChangeOf, reasonText, retainedOf, sortProposals } from '../../server/offers/economics.ts';
import { foldFactors } from '../../server/offers/valueFactors.ts';
import { fromUnits, moneyRatio, scaleMoney, subMoney, toUnits } from '../../server/money.ts';
import type { AudienceTotals, AudienceValue, Economics, UpliftUsed } from '../../contract/offers.ts';
import { ANY_CONDITIONS } from '../../server/offers/defaults.ts';

/** Audience sums as the audience query gives them; the value factors default to "every member a payer, nothing at risk". */
const totals = (members: number, totalCost: string, totalClv: string, value: Partial<AudienceValue> = {}): AudienceTotals => ({
  members,
  totalCost,
  totalClv,
  modelClv: members,
  fallbackClv: 0,
  payers: members,
  churnScored: members,
  churnSum: 0,
  valueIfKept: '0',
  nonPayerValue: '0',
  valueAtRisk: '0',
  ...value,
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
  const invite = { stages: ['growth' as const], conditions: ANY_CONDITIONS, assumedUplift: 0.04 };

  test('a healthy audience gets a low ROI, a high-risk one a high ROI, from the same offer and the same value', () => {
    // 100 players worth 50.00 each if kept (5,000.00), an invite at 0.20 each (20.00), uplift 4% on P(churn).
    // Healthy, P(churn) 0.05 each: at risk 100 x 0.05 x 50 = 250.00; retained 0.04 x 250 = 10.0000;
    //   net 10 - 20 = -10.0000; ROI -0.5. (The old "uplift x CLV" said 0.04 x 5,000 = 200, ROI 900%.)
    const healthy = economics(invite, totals(100, '20.0000', '4750.0000', { churnSum: 5, valueIfKept: '5000.0000', valueAtRisk: '250.0000' }));
    expect(healthy).toMatchObject({ retained: '10.0000', net: '-10.0000', roi: -0.5, changed: 0.2, retainedLow: null, retainedHigh: null });
    expect(healthy.reason.code).toBe('loses');
    // High risk, P(churn) 0.8 each: at risk 100 x 0.8 x 50 = 4,000.00; retained 160.0000; net 140.0000; ROI 7.
    const risky = economics(invite, totals(100, '20.0000', '1000.0000', { churnSum: 80, valueIfKept: '5000.0000', valueAtRisk: '4000.0000' }));
    expect(risky).toMatchObject({ retained: '160.0000', net: '140.0000', roi: 7, changed: 3.2 });
    expect(risky.uplift).toEqual({ source: 'assumed', rate: 0.04, ci: null, launchId: null, launchOfferId: null });
  });

  test('a share-of-spend offer’s ROI depends on its audience', () => {
    const topup = { stages: ['growth' as const], conditions: ANY_CONDITIONS, assumedUplift: 0.06 };
    // Both audiences: 10 payers, expected CLV 900.00, a 5% top-up bonus = 45.00 of cost.
    // Loyal, P(alive) 0.9: value if kept 900 / 0.9 = 1,000.00, at risk 0.1 x 1,000 = 100.00;
    //   retained 0.06 x 100 = 6.0000; net -39.0000; ROI -39 / 45 = -0.8667.
    const loyal = economics(topup, totals(10, '45.0000', '900.0000', { churnSum: 1, valueIfKept: '1000.0000', valueAtRisk: '100.0000' }));
    expect([loyal.retained, loyal.net]).toEqual(['6.0000', '-39.0000']);
    expect(loyal.roi).toBeCloseTo(-39 / 45, 12);
    // Slipping, P(alive) 0.3: value if kept 900 / 0.3 = 3,000.00, at risk 0.7 x 3,000 = 2,100.00;
    //   retained 126.0000; net 81.0000; ROI 1.8.
    const slipping = economics(topup, totals(10, '45.0000', '900.0000', { churnSum: 7, valueIfKept: '3000.0000', valueAtRisk: '2100.0000' }));
    expect(slipping).toMatchObject({ retained: '126.0000', net: '81.0000', roi: 1.8 });
  });

  test('a measured uplift replaces the assumption, for every member alike, with its interval', () => {
    // 40 players worth 2,000.00 if kept; the newest complete launch measured +12% (95% interval 2% to 22%):
    // retained 0.12 x 2,000 = 240.0000 (40.0000 to 440.0000); expected players changed 0.12 x 40 = 4.8.
    const measured: UpliftUsed = { source: 'measured', rate: 0.12, ci: { low: 0.02, high: 0.22 }, launchId: 'L9', launchOfferId: 'returning-reward' };
    const e = economics(
      { stages: ['decline'], conditions: ANY_CONDITIONS, assumedUplift: 0.15 },
      totals(40, '120.0000', '800.0000', { churnSum: 30, valueIfKept: '2000.0000', valueAtRisk: '1500.0000' }),
      measured,
    );
    expect(e).toMatchObject({ retained: '240.0000', retainedLow: '40.0000', retainedHigh: '440.0000', net: '120.0000', roi: 1, uplift: measured });
    expect(e.changed).toBeCloseTo(4.8, 12);
    expect(reasonText(e.reason, 'USD')).toBe(
      '40 decline players: the 12% a launch measured, of USD 2,000.00 they bring if kept, is USD 240.00 back for USD 120.00 of rewards',
    );
  });

  test('the worked reason: 812 declining whales and dolphins idle 7-30 days', () => {
    const offer = {
      stages: ['decline' as const],
      conditions: { ...ANY_CONDITIONS, tiers: ['whale' as const, 'dolphin' as const], minIdleDays: 7, maxIdleDays: 30 },
      assumedUplift: 0.15,
    };
    // Mean P(churn) 487.2 / 812 = 0.6; at risk 38,560.00; retained 0.15 x 38,560 = 5,784.0000; cost 812 x 3 = 2,436.00;
    // net 3,348.0000; ROI 3,348 / 2,436 = 1.3744...
    const e = economics(offer, totals(812, '2436.0000', '48200.0000', { churnSum: 487.2, valueIfKept: '64000.0000', valueAtRisk: '38560.0000' }));
    expect(e).toMatchObject({ retained: '5784.0000', net: '3348.0000' });
    expect(e.roi).toBeCloseTo(3348 / 2436, 12);
    expect(e.reason.values).toEqual({
      stages: 'decline',
      tiers: 'whale,dolphin',
      minIdle: 7,
      maxIdle: 30,
      members: 812,
      payers: 812,
      churn: 0.6,
      kept: '64000.0000',
      atRisk: '38560.0000',
      source: 'assumed',
      uplift: 0.15,
      retained: '5784.0000',
      cost: '2436.0000',
      net: '3348.0000',
    });
    expect(reasonText(e.reason, 'USD')).toBe(
      '812 decline whale/dolphin players idle 7-30 days: a 15% uplift on their 60% mean churn risk, of USD 38,560.00 at risk, is USD 5,784.00 back for USD 2,436.00 of rewards',
    );
  });

  test('rounds the retained revenue once, at 4 places', () => {
    // 1,462.1859 x 0.08 = 116.974872 -> 116.9749; net 116.9749 - 10 = 106.9749; ROI 10.69749.
    const e = economics(
      { stages: ['decline'], conditions: ANY_CONDITIONS, assumedUplift: 0.08 },
      totals(5, '10', '0', { valueIfKept: '2000', valueAtRisk: '1462.1859' }),
    );
    expect(e.retained).toBe('116.9749');
    expect(e.net).toBe('106.9749');
    expect(e.roi).toBeCloseTo(10.69749, 12);
  });

  test('no value even if kept, and nobody at all', () => {
    // Two players worth nothing if kept at 3.00 each: retained 0, net -6.00, ROI -1.
    const none = economics(
      { stages: ['decline'], conditions: { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'] }, assumedUplift: 0.15 },
      totals(2, '6', '0', { payers: 0, churnSum: 1.5 }),
    );
    expect([none.retained, none.net, none.roi, none.reason.code]).toEqual(['0.0000', '-6.0000', -1, 'no_value']);
    expect(none.reason.values.statuses).toBe('leaving,lapsed');
    const empty = economics({ stages: ['stable'], conditions: ANY_CONDITIONS, assumedUplift: 0.05 }, totals(0, '0', '0'));
    expect([empty.retained, empty.net, empty.roi, empty.reason.code]).toEqual(['0.0000', '0.0000', null, 'empty']);
    expect(reasonText(empty.reason, 'USD')).toBe('nobody matches the offer on this day');
  });

  test('the retained revenue of value sums, as the planner uses it', () => {
    // Assumed 8% on 12.5 expected leavers worth 900.00 at risk: 72.0000, 1 player changed.
    expect(retainedOf({ members: 20, churnSum: 12.5, valueIfKept: '1500', valueAtRisk: '900' }, assumedUplift(0.08))).toEqual({
      changed: 1,
      retained: '72.0000',
      low: null,
      high: null,
    });
    expect(pChangeOf(0.4, assumedUplift(0.2))).toBeCloseTo(0.08, 15);
    expect(pChangeOf(0.4, { source: 'measured', rate: 0.1 })).toBe(0.1);
    expect(assumedUplift(1.4).rate).toBe(1);
  });
});

describe('measured game factors', () => {
  test('churn and conversion by stage, and what a non-payer is worth if kept', () => {
    // Decline on the window's first day: 8 players, 6 seen again (churn 0.25); of 6 non-payers kept, 3 paid (0.5).
    // Exploration: 1 player kept (churn 0), its one non-payer kept did not pay (0). Growth and stable: nobody.
    // New payers: 5 with a mean value if kept of 227.6457 -> a declining non-payer is worth 0.5 x 227.6457 = 113.82285 -> 113.8229.
    const { factors, params } = foldFactors(
      [
        { stage: 'decline', players: 8, kept: 6, nonPayersKept: 6, converted: 3 },
        { stage: 'exploration', players: 1, kept: 1, nonPayersKept: 1, converted: 0 },
      ],
      { payers: 5, mean: '227.6457' },
      '2026-03-01',
    );
    expect(factors.pChurnAll).toBeCloseTo(2 / 9, 15);
    expect(factors.stages.find((s) => s.stage === 'decline')).toEqual({
      stage: 'decline',
      players: 8,
      kept: 6,
      pChurn: 0.25,
      nonPayersKept: 6,
      converted: 3,
      pConvert: 0.5,
      nonPayerValue: '113.8229',
    });
    expect(factors.stages.find((s) => s.stage === 'growth')).toMatchObject({ players: 0, pChurn: null, pConvert: null, nonPayerValue: '0.0000' });
    expect(factors).toMatchObject({ from: '2026-03-01', windowDays: 30, newPayers: 5, newPayerValue: '227.6457' });
    // Unmeasured stages take the overall churn 2/9; nothing measured at all, even odds.
    expect(params.stages).toEqual(['exploration', 'growth', 'stable', 'decline']);
    expect(params.churn).toEqual([0, 2 / 9, 2 / 9, 0.25]);
    expect(params.nonPayer).toEqual(['0.0000', '0.0000', '0.0000', '113.8229']);
    expect(foldFactors([], { payers: 0, mean: '0' }, '2026-03-01').params.churn).toEqual([0.5, 0.5, 0.5, 0.5]);
  });
});

describe('proposal order', () => {
  const p = (offerId: string, members: number, cost: string, atRisk: string, uplift: number) => ({
    offerId,
    economics: economics(
      { stages: ['growth'], conditions: ANY_CONDITIONS, assumedUplift: uplift },
      totals(members, cost, '0', { valueIfKept: atRisk, valueAtRisk: atRisk }),
    ),
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
