import { toUnits } from '../../server/money.ts';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { classifyFile } from '../../server/ingest/fileKind.ts';
import { stagingInsertSql } from '../../server/queries/ingest/stagingSql.ts';
import { planServer, type ServerBase } from '../../server/winback/plannerRules.ts';
import { decideRescue, rewardTier, totalsTable, winBackRate } from '../../server/winback/rescueRules.ts';
import { choiceProblem } from '../../server/winback/choices.ts';
import { assumedUplift } from '../../server/offers/economics.ts';
import type { OfferVersion } from '../../contract/offers.ts';
import { ANY_CONDITIONS } from '../../server/offers/defaults.ts';

// Base reward cost 2.00: tiers large from CLV 120 (60 x 2, costs 8), medium from 40 (20 x 2, costs 4), else small (costs 2).
const BASE = '2.0000';
const assumed = winBackRate(0.2, null);

describe('reward tiers', () => {
  it('scales the reward with expected CLV, thresholds inclusive', () => {
    expect(rewardTier('150.0000', BASE)).toEqual({ tier: 'large', cost: '8.0000' });
    expect(rewardTier('120.0000', BASE)).toEqual({ tier: 'large', cost: '8.0000' });
    expect(rewardTier('119.9999', BASE)).toEqual({ tier: 'medium', cost: '4.0000' });
    expect(rewardTier('40.0000', BASE)).toEqual({ tier: 'medium', cost: '4.0000' });
    expect(rewardTier('39.9999', BASE)).toEqual({ tier: 'small', cost: '2.0000' });
    expect(rewardTier('0.0000', BASE)).toEqual({ tier: 'small', cost: '2.0000' });
  });
});

describe('win-back rate', () => {
  it('uses the measured rate of a launch of the kind over the assumed one', () => {
    expect(assumed).toEqual({ rate: 0.2, source: 'assumed', ci: null, launchId: null, launchOfferId: null });
    const measured = { source: 'measured' as const, rate: 0.31, ci: { low: 0.1, high: 0.52 }, launchId: 'L1', launchOfferId: 'returning-reward' };
    expect(winBackRate(0.2, measured)).toBe(measured);
    expect(winBackRate(1.4, null).rate).toBe(1);
  });
});

/** A declining player as the audience query gives one: P(churn) and value if kept beside the expected CLV. */
const player = (pAlive: number | null, pChurn: number, valueIfKept: string, expectedClv = valueIfKept, clvSource: 'model' | 'fallback' = 'model') => ({
  pAlive,
  pChurn,
  churnScored: pAlive !== null,
  valueIfKept,
  expectedClv,
  clvSource,
});

describe('rescue or let go', () => {
  it('counts being alive once: CLV 75 at P(alive) 0.5 is worth 150 if back; P = 0.2 x 0.5 = 0.1, 0.1 x 150 = 15 > 8 (large)', () => {
    // The old rule, rate x P(alive) x CLV = 0.2 x 0.5 x 75 = 7.50, weighed P(alive) twice and let this whale go.
    const d = decideRescue(player(0.5, 0.5, '150.0000', '75.0000'), assumed, BASE);
    expect(d).toMatchObject({ pWinBack: 0.1, expectedReturn: '15.0000', tier: 'large', cost: '8.0000', decision: 'rescue' });
    expect(d.reason.code).toBe('rescue');
    expect(d.reason.values).toMatchObject({
      winBackRate: 0.2,
      rateSource: 'assumed',
      pAlive: 0.5,
      pChurn: 0.5,
      valueIfKept: '150.0000',
      expectedClv: '75.0000',
      cost: '8.0000',
    });
  });

  it('a player who would come back anyway is not worth a reward: P(churn) 0.1, 0.2 x 0.1 x 150 = 3 <= 8', () => {
    expect(decideRescue(player(0.9, 0.1, '150.0000', '135.0000'), assumed, BASE)).toMatchObject({ expectedReturn: '3.0000', decision: 'let_go' });
  });

  it('rescues at a medium reward: 0.2 x 0.5 x 100 = 10 > 4', () => {
    expect(decideRescue(player(0.5, 0.5, '100.0000'), assumed, BASE)).toMatchObject({ expectedReturn: '10.0000', tier: 'medium', decision: 'rescue' });
  });

  it('lets go when the expected return does not beat the reward: 0.2 x 0.25 x 60 = 3 <= 4', () => {
    const d = decideRescue(player(0.75, 0.25, '60.0000', '45.0000', 'fallback'), assumed, BASE);
    expect(d).toMatchObject({ pWinBack: 0.05, expectedReturn: '3.0000', tier: 'medium', cost: '4.0000', decision: 'let_go' });
    expect(d.reason).toMatchObject({ code: 'let_go_cost', values: { clvSource: 'fallback' } });
  });

  it('lets go on a tie: 0.1 x 1 x 40 = 4 is not more than 4', () => {
    expect(decideRescue(player(0, 1, '40.0000'), winBackRate(0.1, null), BASE).decision).toBe('let_go');
  });

  it('lets go of a player with no value if back, whatever the rate', () => {
    const d = decideRescue(player(0.1, 0.9, '0.0000'), winBackRate(1, null), BASE);
    expect(d).toMatchObject({ expectedReturn: '0.0000', tier: 'small', decision: 'let_go', reason: { code: 'let_go_no_value' } });
  });

  it('an unscored player takes the stage’s measured churn: 0.2 x 0.25 x 80 = 4 does not beat 4, x 100 = 5 does (medium)', () => {
    expect(decideRescue(player(null, 0.25, '80.0000', '80.0000', 'fallback'), assumed, BASE)).toMatchObject({ expectedReturn: '4.0000', decision: 'let_go' });
    const d = decideRescue(player(null, 0.25, '100.0000', '100.0000', 'fallback'), assumed, BASE);
    expect(d).toMatchObject({ pWinBack: 0.05, expectedReturn: '5.0000', tier: 'medium', decision: 'rescue' });
    expect(d.reason.values.pAliveScored).toBe(false);
  });

  it('a measured rate applies to every player alike: 0.06 x 150 = 9 > 8 whatever the P(churn)', () => {
    const measured = { source: 'measured' as const, rate: 0.06, ci: null, launchId: 'L1', launchOfferId: 'returning-reward' };
    expect(decideRescue(player(0.9, 0.1, '150.0000'), measured, BASE)).toMatchObject({ pWinBack: 0.06, expectedReturn: '9.0000', decision: 'rescue' });
  });

  it('sums players and money per decision and tier, every pair present', () => {
    const a = decideRescue(player(0.5, 0.5, '150.0000'), assumed, BASE);
    const b = decideRescue(player(0.5, 0.5, '130.0000'), assumed, BASE);
    const c = decideRescue(player(0.75, 0.25, '60.0000'), assumed, BASE);
    const clv = ['150.0000', '130.0000', '60.0000'];
    const totals = totalsTable(
      [a, b, c].map((d, i) => ({
        decision: d.decision,
        tier: d.tier,
        players: 1,
        cost: toUnits(d.cost),
        ret: toUnits(d.expectedReturn),
        clv: toUnits(clv[i]!),
      })),
    );
    expect(totals).toHaveLength(6);
    // a and b: large rescues, 8 + 8 = 16 of rewards for 15 + 13 = 28 expected back.
    expect(totals.find((t) => t.decision === 'rescue' && t.tier === 'large')).toEqual({
      decision: 'rescue',
      tier: 'large',
      players: 2,
      cost: '16.0000',
      expectedReturn: '28.0000',
      expectedClv: '280.0000',
    });
    expect(totals.find((t) => t.decision === 'let_go' && t.tier === 'medium')).toMatchObject({ players: 1, cost: '4.0000', expectedReturn: '3.0000' });
    expect(totals.find((t) => t.decision === 'rescue' && t.tier === 'small')).toMatchObject({ players: 0, cost: '0.0000' });
  });
});

describe('new-server planner', () => {
  // 500 declining players expected to leave 400 times (P(churn) sum), worth 12,500 if kept, 10,000 of it at risk.
  const base: ServerBase = {
    serverId: 's01',
    leaving: 300,
    lapsed: 200,
    lifetimeSpend: '25000.0000',
    expectedClv: '5000.0000',
    cost: '1000.0000',
    churnSum: 400,
    valueIfKept: '12500.0000',
    valueAtRisk: '10000.0000',
    ageDays: 180,
    dauRecent: 90,
    dauPrior: 100,
  };
  const rate = assumedUplift(0.15);

  it('opens when 0.15 x 400 = 60 return (>= 50) and 0.15 x 10,000 = 1,500 beats 500 x 2 = 1,000', () => {
    const p = planServer(base, rate, 50);
    expect(p).toMatchObject({ population: 500, expectedRevenue: '1500.0000', expectedCost: '1000.0000', net: '500.0000', recommendation: 'open' });
    expect(p.expectedReturning).toBeCloseTo(60, 12);
    expect(p.trend).toBeCloseTo(-0.1, 12);
    expect(p.reason).toMatchObject({ code: 'open', values: { ageDays: 180, minReturning: 50, rateSource: 'assumed', valueAtRisk: '10000.0000' } });
  });

  it('with a measured rate: 0.1 x 500 = 50 return, 0.1 x 12,500 = 1,250 of revenue', () => {
    const measured = { source: 'measured' as const, rate: 0.1, ci: null, launchId: 'L2', launchOfferId: 'new-server' };
    expect(planServer(base, measured, 50)).toMatchObject({ expectedReturning: 50, expectedRevenue: '1250.0000', recommendation: 'open' });
  });

  it('waits when the rewards cost more than the revenue: 500 x 5 = 2,500 > 1,500', () => {
    const p = planServer({ ...base, cost: '2500.0000' }, rate, 50);
    expect(p).toMatchObject({ expectedCost: '2500.0000', net: '-1000.0000', recommendation: 'not_yet', reason: { code: 'cost_exceeds_revenue' } });
  });

  it('waits when fewer players than the minimum would return: 60 < 100', () => {
    expect(planServer(base, rate, 100).reason.code).toBe('too_few_returning');
  });

  it('waits on a tie of revenue and cost', () => {
    expect(planServer({ ...base, cost: '1500.0000' }, rate, 50).reason.code).toBe('cost_exceeds_revenue');
  });

  it('has no trend without a prior window and no plan without a population', () => {
    const empty = { ...base, leaving: 0, lapsed: 0, expectedClv: '0.0000', cost: '0.0000', churnSum: 0, valueIfKept: '0', valueAtRisk: '0', dauPrior: 0 };
    expect(planServer(empty, rate, 0)).toMatchObject({ trend: null, population: 0, recommendation: 'not_yet', reason: { code: 'no_population' } });
  });
});

describe('friend links input kind', () => {
  it('classifies friends files like the event kinds', () => {
    expect(classifyFile('friends_2026-03.csv.gz')).toEqual({ kind: 'friends', format: 'csv', gzip: true });
    expect(classifyFile('/inbox/FRIENDS.ndjson')).toEqual({ kind: 'friends', format: 'ndjson', gzip: false });
    expect(classifyFile('old_friends.csv')).toBeNull();
  });
  it('checks the link fields and quarantines self-links', () => {
    const sql = stagingInsertSql('friends', 'ndjson', 'file');
    expect(sql).toMatch(/^INSERT INTO stage_friends /);
    for (const reason of ['missing player_id', 'missing friend_id', 'friend_id is the player_id itself', 'since is not ISO-8601'])
      expect(sql).toContain(reason);
    expect(sql).not.toContain('event_id');
  });
});

describe('the offers that price a move', () => {
  const offer = (offerId: string, extra: Partial<OfferVersion> = {}): OfferVersion => ({
    offerId,
    kind: 'returning_reward',
    name: offerId,
    description: '',
    stages: ['decline'],
    conditions: { ...ANY_CONDITIONS },
    reward: '',
    texts: {},
    cost: { kind: 'fixed', fixedCost: '3.0000', spendShare: 0 },
    assumedUplift: 0.15,
    holdoutShare: 0.1,
    activeFrom: '2026-01-01',
    activeTo: null,
    enabled: true,
    version: 1,
    author: 'system',
    note: '',
    savedAt: '',
    archived: false,
    ...extra,
  });
  it('a rescue or new-server choice must exist, be unarchived and aim at the decline stage', () => {
    expect(choiceProblem('b-first', offer('b-first'))).toBeNull();
    expect(choiceProblem('gone', null)).toBe('no offer with id "gone"');
    expect(choiceProblem('old', offer('old', { archived: true }))).toBe('offer "old" is archived; restore it first');
    expect(choiceProblem('bundle', offer('bundle', { stages: ['growth'] }))).toBe('offer "bundle" is not aimed at the decline stage');
  });
});

describe('NEW_SERVER_MIN_RETURNING', () => {
  const load = (v?: string) => loadConfig({ DEMO: 'off', ...(v === undefined ? {} : { NEW_SERVER_MIN_RETURNING: v }) } as NodeJS.ProcessEnv, '/tmp/none');
  it('defaults to 50 and takes a positive whole number', () => {
    expect(load().winback.newServerMinReturning).toBe(50);
    expect(load('12').winback.newServerMinReturning).toBe(12);
  });
  it.each(['0', '-3', '2.5', 'many'])('refuses %s', (v) => {
    expect(() => load(v)).toThrow(ConfigError);
    expect(() => load(v)).toThrow(/NEW_SERVER_MIN_RETURNING must be a positive integer/);
  });
});
