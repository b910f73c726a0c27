import { describe, expect, test } from 'vitest';
import { audienceSql, manyTotalsSql, offerFilterSql } from '../../server/queries/offers/audienceSql.ts';
import { DEFAULT_OFFERS } from '../../server/offers/defaults.ts';
import { OFFER_KINDS } from '../../contract/enums.ts';
import { validateOffer } from '../../server/offers/validate.ts';

const opts = {
  asOf: '2026-03-31',
  horizonDays: 365.25,
  source: 'view' as const,
  value: { stages: ['exploration', 'growth', 'stable', 'decline'], churn: [0.1, 0.2, 0.1, 0.5], nonPayer: ['1.0000', '2.0000', '0.0000', '3.5000'] },
};

describe('default catalog', () => {
  test('every default is valid as it stands and keeps a 10% holdout', () => {
    for (const offer of DEFAULT_OFFERS) {
      const { offer: normalised, errors } = validateOffer(offer);
      expect(errors, offer.offerId).toEqual([]);
      expect(normalised).toEqual(offer);
      expect(offer.holdoutShare).toBe(0.1);
    }
  });
  test('covers DESIGN section 1: every kind, starter gifts at 10/15/20, the coupon at 30', () => {
    expect(new Set(DEFAULT_OFFERS.map((o) => o.kind))).toEqual(new Set(OFFER_KINDS));
    expect(DEFAULT_OFFERS.filter((o) => o.kind === 'starter_gift').map((o) => o.conditions.minLevel)).toEqual([10, 15, 20]);
    expect(DEFAULT_OFFERS.find((o) => o.kind === 'first_purchase_coupon')?.conditions).toMatchObject({ minLevel: 30, tiers: ['non_payer'] });
    expect(
      DEFAULT_OFFERS.filter((o) => o.cost.kind === 'spend_share')
        .map((o) => o.kind)
        .sort(),
    ).toEqual(['topup_bonus', 'vip_points']);
    expect(new Set(DEFAULT_OFFERS.map((o) => o.offerId)).size).toBe(DEFAULT_OFFERS.length);
  });
  test('every default has its name, description and reward in Chinese', () => {
    for (const offer of DEFAULT_OFFERS) {
      const zh = offer.texts.zh ?? {};
      for (const field of ['name', 'description', 'reward'] as const) expect(zh[field], `${offer.offerId} ${field}`).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe('validation', () => {
  const base = DEFAULT_OFFERS.find((o) => o.offerId === 'returning-reward')!;
  const codes = (input: unknown) => validateOffer(input).errors.map((e) => `${e.field}:${e.code}`);
  test('bounds, lists and money', () => {
    expect(codes({ ...base, holdoutShare: 0.5, assumedUplift: 1 })).toEqual([]);
    expect(codes({ ...base, holdoutShare: 0.51 })).toEqual(['holdoutShare:range']);
    expect(codes({ ...base, assumedUplift: '0.2x' })).toEqual(['assumedUplift:number']);
    expect(codes({ ...base, stages: [] })).toEqual(['stages:empty']);
    expect(codes({ ...base, stages: ['decline', 'decline'] })).toEqual(['stages:duplicate']);
    expect(codes({ ...base, conditions: { ...base.conditions, minClv: '10.00001' } })).toEqual(['conditions.minClv:decimal']);
    expect(codes({ ...base, conditions: { ...base.conditions, minClv: '50', maxClv: '5' } })).toEqual(['conditions.maxClv:order']);
    expect(codes({ ...base, conditions: { ...base.conditions, riskTiers: ['extreme'] } })).toEqual(['conditions.riskTiers:unknown']);
    expect(codes({ ...base, cost: { kind: 'spend_share', spendShare: 1.5 } })).toEqual(['cost.spendShare:range']);
    expect(codes({ ...base, cost: { kind: 'voucher' } })).toEqual(['cost.kind:unknown', 'cost.fixedCost:required']);
    expect(codes({ ...base, enabled: 'yes' })).toEqual(['enabled:boolean']);
    expect(codes('offer')).toContain('offer:required');
  });
  test('texts in other languages: known languages only, objects only, the same limits, empty ones left out', () => {
    const texts = (t: unknown) => validateOffer({ ...base, texts: t });
    expect(texts({ zh: { name: '回归', reward: '', description: '  ' } }).offer.texts).toEqual({ zh: { name: '回归' } });
    expect(texts({ zh: { name: '', reward: '' } }).offer.texts).toEqual({});
    expect(texts(undefined).offer.texts).toEqual({});
    expect(codes({ ...base, texts: { fr: { name: 'Retour' } } })).toEqual(['texts:unknown']);
    expect(codes({ ...base, texts: 'zh' })).toEqual(['texts:object']);
    expect(codes({ ...base, texts: { zh: ['x'] } })).toEqual(['texts.zh:object']);
    expect(codes({ ...base, texts: { zh: { name: 'x'.repeat(121), reward: 5 } } })).toEqual(['texts.zh.name:too_long', 'texts.zh.reward:text']);
  });
  test('a spend-share offer stores no fixed cost, and the other way round', () => {
    expect(validateOffer({ ...base, cost: { kind: 'spend_share', fixedCost: '9', spendShare: '0.05' } }).offer.cost).toEqual({
      kind: 'spend_share',
      fixedCost: '0',
      spendShare: 0.05,
    });
    expect(validateOffer({ ...base, cost: { kind: 'fixed', fixedCost: 2, spendShare: 0.3 } }).offer.cost).toEqual({
      kind: 'fixed',
      fixedCost: '2',
      spendShare: 0,
    });
  });
});

describe('audience SQL', () => {
  const offer = DEFAULT_OFFERS.find((o) => o.offerId === 'returning-reward')!;
  test('conditions become typed parameters; open ones add no SQL', () => {
    const f = offerFilterSql(offer);
    expect(f.where).toBe(`stage IN {stages:Array(String)} AND (stage != 'decline' OR status IN {statuses:Array(String)}) AND idle_days >= {min_idle:UInt16}`);
    expect(f.params).toEqual({ stages: ['decline'], statuses: ['leaving', 'lapsed'], min_idle: 7, fixed_cost: '3.0000' });
    const { sql, params } = audienceSql(offer, opts);
    expect(params).toMatchObject({
      as_of: '2026-03-31',
      horizon_days: 365.25,
      value_churn: [0.1, 0.2, 0.1, 0.5],
      value_non_payer: ['1.0000', '2.0000', '0.0000', '3.5000'],
    });
    expect(sql).toContain(`WHERE s.status != 'lost'`);
    // The stage factors are parameters too: the per-stage churn and non-payer value are looked up by the stage's index.
    expect(sql).toContain('arrayElement({value_churn:Array(Float64)}, indexOf({value_stages:Array(String)}, stage))');
  });
  test('values never reach the SQL text, whatever they hold', () => {
    const evil = {
      ...offer,
      conditions: { ...offer.conditions, servers: ["s1' OR 1=1 --"], minClv: '1' },
      cost: { kind: 'spend_share' as const, fixedCost: '0', spendShare: 0.07 },
    };
    const { sql, params } = audienceSql(evil, opts);
    expect(sql).not.toContain('OR 1=1');
    expect(params).toMatchObject({ servers: ["s1' OR 1=1 --"], min_clv: '1', spend_share: '0.070000' });
  });
  test('many offers share one query with prefixed parameters', () => {
    const two = [offer, DEFAULT_OFFERS.find((o) => o.offerId === 'vip-points')!];
    const { sql, params } = manyTotalsSql(two, opts);
    expect(sql).toContain('countIf(w0) AS members_0');
    expect(sql).toContain('countIf(w1) AS members_1');
    expect(params).toMatchObject({ o0_stages: ['decline'], o0_min_idle: 7, o1_stages: ['stable'], o1_tiers: ['dolphin', 'whale'], o1_spend_share: '0.030000' });
  });
});
