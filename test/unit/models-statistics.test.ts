import { describe, expect, it } from 'vitest';
import { QUIET_PERIODS, survivorsFromStayEnds } from '../../server/models/cohorts.ts';
import { fitSbg } from '../../server/models/sbg.ts';
import { segmentClvs, wilson95 } from '../../server/models/segments.ts';
import type { SegmentPeriod } from '../../server/queries/models/segmentRetention.ts';

describe('cohort survival with right-censoring', () => {
  it('reports a period only once the quiet spell after it is complete', () => {
    // Weekly cohort, quiet spell 2 weeks, 6 complete weeks W0..W5. Stay ends (last week of the first stay):
    // W0: 3 players, W1: 2, W2: 1, W4: 2, W5: 2; size 10.
    // A loss at W4 (a stay ending at W3) is seen once W4 and W5 are quiet, both complete, so W0..W4 are
    // reported; a stay ending at W4 or W5 may go on (W6 is not complete) and counts as still there at W4:
    // S0 = 10, S1 = 10 - 3 = 7, S2 = 7 - 2 = 5, S3 = 5 - 1 = 4, S4 = 4 (no stay ends at W3).
    const stays = [
      { stayEnd: 0, players: 3 },
      { stayEnd: 1, players: 2 },
      { stayEnd: 2, players: 1 },
      { stayEnd: 4, players: 2 },
      { stayEnd: 5, players: 2 },
    ];
    expect(QUIET_PERIODS.week).toBe(2);
    expect(survivorsFromStayEnds(stays, 6, 2)).toEqual([10, 7, 5, 4, 4]);
    // Months: a single quiet month ends a stay, so with 3 complete months M0..M2 the periods M0..M2 are reported.
    expect(survivorsFromStayEnds(stays, 3, QUIET_PERIODS.month)).toEqual([10, 7, 5]);
  });

  // Fader & Hardie (2007), Table 1, "High End" (also pinned in models-recovery.test.ts): the published survivors
  // [1000, 869, 743, 653, 593, 551, 517, 491] as stay ends (lost at year t = stay ending at t - 1; the 491
  // still there after year 7 censored there) go through the page's survivor count and the same fit.
  it('reproduces the published sBG fit through the cohort survival code', () => {
    const published = [1000, 869, 743, 653, 593, 551, 517, 491];
    const stays = published.slice(1).map((s, t) => ({ stayEnd: t, players: published[t] - s }));
    stays.push({ stayEnd: 7, players: 491 });
    const survivors = survivorsFromStayEnds(stays, 7 + QUIET_PERIODS.month, QUIET_PERIODS.month);
    expect(survivors).toEqual(published);
    const fit = fitSbg(survivors);
    if (fit.status === 'too_few_players') throw new Error('a cohort of 1000 must be fitted');
    expect([Number(fit.params.alpha.toPrecision(3)), Number(fit.params.beta.toPrecision(3))]).toEqual([0.668, 3.81]);
    expect(fit.logLikelihood).toBeCloseTo(-1611.2, 1);
  });
});

describe('segment CLV interval and minimum size', () => {
  it('gives the Wilson 95% interval of a share', () => {
    // 5 of 10: p = 0.5, z^2 = 3.84146, z^2/n = 0.384146; centre = (0.5 + 0.192073) / 1.384146 = 0.5;
    // half = (1.959964 / 1.384146) * sqrt(0.025 + 3.84146 / 400) = 1.416009 * 0.186021 = 0.263407.
    const [lo, hi] = wilson95(5, 10);
    expect(lo).toBeCloseTo(0.236593, 6);
    expect(hi).toBeCloseTo(0.763407, 6);
    // 1 of 1: the interval stays inside [0, 1].
    expect(wilson95(1, 1)[1]).toBe(1);
    expect(wilson95(0, 4)[0]).toBe(0);
    expect(() => wilson95(3, 2)).toThrow(/0 <= k <= n/);
  });

  it('flags small segments, leaves them unranked and ranks the others by CLV', () => {
    // No discount, 2 periods: CLV = M (1 + r), at the ends of r's interval too.
    // decline/whale: 1 player paying 60,545, retained: CLV 121,090, r in [0.206549, 1], CLV in [73,050.53, 121,090]; small.
    // decline/minnow: 30 players, 6 retained, 90 paid: M = 3, r = 0.2, CLV = 3.6; r in [0.095051, 0.373057] -> [3.2852, 4.1192].
    // growth/minnow: 10 players, 5 retained, 20 paid: M = 2, r = 0.5, CLV = 3; r in [0.236593, 0.763407] -> [2.4732, 3.5268]; small.
    // stable/dolphin: 40 players, 30 retained, 400 paid: M = 10, r = 0.75, CLV = 17.5; r in [0.59806, 0.858129] -> [15.9806, 18.5813].
    // Ranked (at least 30 players): stable/dolphin 1, decline/minnow 2; the whale, the highest CLV, is not ranked.
    const periods: SegmentPeriod[] = [
      { stage: 'decline', tier: 'whale', players: 1, retained: 1, revenue: '60545' },
      { stage: 'decline', tier: 'minnow', players: 30, retained: 6, revenue: '90' },
      { stage: 'growth', tier: 'minnow', players: 10, retained: 5, revenue: '20' },
      { stage: 'stable', tier: 'dolphin', players: 40, retained: 30, revenue: '400' },
    ];
    const out = segmentClvs(periods, { monthlyDiscount: 0, horizonMonths: 2 }, 30);
    expect(out.map((s) => [s.tier, s.clv, s.clvLow, s.clvHigh, s.small, s.rank])).toEqual([
      ['whale', '121090.0000', '73050.5282', '121090.0000', true, null],
      ['minnow', '3.6000', '3.2852', '4.1192', false, 2],
      ['minnow', '3.0000', '2.4732', '3.5268', true, null],
      ['dolphin', '17.5000', '15.9806', '18.5813', false, 1],
    ]);
    expect(out[3].retentionLow).toBeCloseTo(0.59806, 5);
    expect(out[3].retentionHigh).toBeCloseTo(0.858129, 6);
  });

  it('keeps the interval in order when refunds net the margin below zero', () => {
    // M = -1 (10 players, -10 net), r = 0.5: CLV = -1.5; CLV falls as r rises, so low = M (1 + 0.763407) = -1.7634.
    const [s] = segmentClvs([{ stage: 'decline', tier: 'minnow', players: 10, retained: 5, revenue: '-10' }], { monthlyDiscount: 0, horizonMonths: 2 }, 5);
    expect([s.clvLow, s.clv, s.clvHigh, s.rank]).toEqual(['-1.7634', '-1.5000', '-1.2366', 1]);
  });
});
