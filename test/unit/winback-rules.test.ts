import { toUnits } from '../../server/money.ts';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { classifyFile } from '../../server/ingest/fileKind.ts';
import { stagingInsertSql } from '../../server/queries/ingest/stagingSql.ts';
import { planServer, type ServerBase } from '../../server/winback/plannerRules.ts';
import { activeOfferOf, decideRescue, rewardTier, totalsTable, winBackRate } from '../../server/winback/rescueRules.ts';
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
  it('uses the measured rate of a launch over the assumed one, clamped to [0, 1]', () => {
    expect(assumed).toEqual({ rate: 0.2, source: 'assumed', launchId: null });
    expect(winBackRate(0.2, { rate: 0.31, launchId: 'L1' })).toEqual({ rate: 0.31, source: 'measured', launchId: 'L1' });
    expect(winBackRate(0.2, { rate: -0.05, launchId: 'L2' }).rate).toBe(0);
    expect(winBackRate(1.4, null).rate).toBe(1);
  });
});

describe('rescue or let go', () => {
  it('rescues a whale: P = 0.2 x 0.5 = 0.1, 0.1 x 150 = 15 > 8 (large reward)', () => {
    const d = decideRescue({ pAlive: 0.5, expectedClv: '150.0000', clvSource: 'model' }, assumed, BASE);
    expect(d).toMatchObject({ pWinBack: 0.1, expectedReturn: '15.0000', tier: 'large', cost: '8.0000', decision: 'rescue' });
    expect(d.reason.code).toBe('rescue');
    expect(d.reason.values).toMatchObject({ winBackRate: 0.2, rateSource: 'assumed', pAlive: 0.5, expectedClv: '150.0000', cost: '8.0000' });
  });

  it('rescues at a medium reward: 0.1 x 60 = 6 > 4', () => {
    expect(decideRescue({ pAlive: 0.5, expectedClv: '60.0000', clvSource: 'model' }, assumed, BASE)).toMatchObject({
      expectedReturn: '6.0000',
      tier: 'medium',
      decision: 'rescue',
    });
  });

  it('lets go when the expected return does not beat the reward: 0.2 x 0.25 x 60 = 3 <= 4', () => {
    const d = decideRescue({ pAlive: 0.25, expectedClv: '60.0000', clvSource: 'fallback' }, assumed, BASE);
    expect(d).toMatchObject({ pWinBack: 0.05, expectedReturn: '3.0000', tier: 'medium', cost: '4.0000', decision: 'let_go' });
    expect(d.reason).toMatchObject({ code: 'let_go_cost', values: { clvSource: 'fallback' } });
  });

  it('lets go on a tie: 0.1 x 1 x 40 = 4 is not more than 4', () => {
    expect(decideRescue({ pAlive: 1, expectedClv: '40.0000', clvSource: 'model' }, winBackRate(0.1, null), BASE).decision).toBe('let_go');
  });

  it('lets go of a player with no value, whatever the rate', () => {
    const d = decideRescue({ pAlive: 0.9, expectedClv: '0.0000', clvSource: 'fallback' }, winBackRate(1, null), BASE);
    expect(d).toMatchObject({ expectedReturn: '0.0000', tier: 'small', decision: 'let_go', reason: { code: 'let_go_no_value' } });
  });

  it('takes the rate alone for a player the engagement model has not scored: 0.2 x 15 = 3 > 2', () => {
    const d = decideRescue({ pAlive: null, expectedClv: '15.0000', clvSource: 'model' }, assumed, BASE);
    expect(d).toMatchObject({ pWinBack: 0.2, expectedReturn: '3.0000', tier: 'small', decision: 'rescue' });
    expect(d.reason.values.pAliveScored).toBe(false);
  });

  it('sums players and money per decision and tier, every pair present', () => {
    const a = decideRescue({ pAlive: 0.5, expectedClv: '150.0000', clvSource: 'model' }, assumed, BASE);
    const b = decideRescue({ pAlive: 0.5, expectedClv: '130.0000', clvSource: 'model' }, assumed, BASE);
    const c = decideRescue({ pAlive: 0.25, expectedClv: '60.0000', clvSource: 'model' }, assumed, BASE);
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
  const base: ServerBase = {
    serverId: 's01',
    leaving: 300,
    lapsed: 200,
    lifetimeSpend: '25000.0000',
    expectedClv: '10000.0000',
    cost: '1000.0000',
    ageDays: 180,
    dauRecent: 90,
    dauPrior: 100,
  };

  it('opens when 500 x 0.15 = 75 return (>= 50) and 0.15 x 10,000 = 1,500 beats 500 x 2 = 1,000', () => {
    const p = planServer(base, 0.15, 50);
    expect(p).toMatchObject({
      population: 500,
      expectedReturning: 75,
      expectedRevenue: '1500.0000',
      expectedCost: '1000.0000',
      net: '500.0000',
      recommendation: 'open',
    });
    expect(p.trend).toBeCloseTo(-0.1, 12);
    expect(p.reason).toMatchObject({ code: 'open', values: { ageDays: 180, minReturning: 50 } });
  });

  it('waits when the rewards cost more than the revenue: 500 x 5 = 2,500 > 1,500', () => {
    const p = planServer({ ...base, cost: '2500.0000' }, 0.15, 50);
    expect(p).toMatchObject({ expectedCost: '2500.0000', net: '-1000.0000', recommendation: 'not_yet', reason: { code: 'cost_exceeds_revenue' } });
  });

  it('waits when fewer players than the minimum would return: 75 < 100', () => {
    expect(planServer(base, 0.15, 100).reason.code).toBe('too_few_returning');
  });

  it('waits on a tie of revenue and cost', () => {
    expect(planServer({ ...base, cost: '1500.0000' }, 0.15, 50).reason.code).toBe('cost_exceeds_revenue');
  });

  it('has no trend without a prior window and no plan without a population', () => {
    const p = planServer({ ...base, leaving: 0, lapsed: 0, expectedClv: '0.0000', cost: '0.0000', dauPrior: 0 }, 0.15, 0);
    expect(p).toMatchObject({ trend: null, population: 0, recommendation: 'not_yet', reason: { code: 'no_population' } });
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

describe('the offer that prices a move', () => {
  const offer = (offerId: string, extra: Partial<OfferVersion> = {}): OfferVersion => ({
    offerId,
    kind: 'returning_reward',
    name: offerId,
    description: '',
    stages: ['decline'],
    conditions: { ...ANY_CONDITIONS },
    reward: '',
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
  it('takes the enabled, unarchived offer of the kind active on the day, first by id', () => {
    const list = [
      offer('z-late', { activeFrom: '2026-04-01' }),
      offer('b-second'),
      offer('a-off', { enabled: false }),
      offer('a-archived', { archived: true }),
      offer('a-ended', { activeTo: '2026-03-30' }),
      offer('a-bundle', { kind: 'limited_bundle' }),
      offer('b-first'),
    ];
    expect(activeOfferOf(list, 'returning_reward', '2026-03-31')?.offerId).toBe('b-first');
    expect(activeOfferOf(list, 'returning_reward', '2026-03-30')?.offerId).toBe('a-ended');
    expect(activeOfferOf(list, 'new_server', '2026-03-31')).toBeNull();
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
