import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFERS } from '../../server/offers/defaults.ts';
import { economics } from '../../server/offers/economics.ts';
import { validateOffer } from '../../server/offers/validate.ts';
import { formatter } from '../../web/src/lib/format.ts';
import { translate, type Lang } from '../../web/src/lib/i18n.ts';
import { draftOf, formOf, sameDraft, toggled } from '../../web/src/lib/offerDraft.ts';
import { reasonText } from '../../web/src/lib/offerReason.ts';
import type { OfferDefinition, Reason } from '../../contract/offers.ts';
import { localWord } from '../../contract/texts.ts';

const word = (reason: Reason, lang: Lang) => reasonText(reason, (k, v) => translate(lang, k, v), formatter(lang), 'USD');

describe('offer reasons', () => {
  // The server's reason for 812 declining whales and dolphins idle 7-30 days (test/unit/offers-economics.test.ts).
  const offer = {
    stages: ['decline' as const],
    conditions: {
      ...DEFAULT_OFFERS[0].conditions,
      minLevel: null,
      maxLevel: null,
      statuses: ['leaving' as const, 'lapsed' as const],
      tiers: ['whale' as const, 'dolphin' as const],
      minIdleDays: 7,
      maxIdleDays: 30,
    },
    assumedUplift: 0.15,
  };
  // Mean P(churn) 0.6, 38,560.00 at risk, 15% uplift: 5,784.00 back for 2,436.00.
  const { reason } = economics(offer, {
    members: 812,
    totalCost: '2436.0000',
    totalClv: '48200.0000',
    modelClv: 812,
    fallbackClv: 0,
    payers: 812,
    churnScored: 812,
    churnSum: 487.2,
    valueIfKept: '64000.0000',
    nonPayerValue: '0',
    valueAtRisk: '38560.0000',
  });

  it('words a paying proposal in English and Chinese', () => {
    expect(word(reason, 'en')).toBe(
      '812 Whale/Dolphin players in Decline (Leaving/Lapsed), idle 7–30 days: a 15% uplift on their 60% mean churn risk, of $38,560.00 at risk, is $5,784.00 back for $2,436.00 of rewards.',
    );
    expect(word(reason, 'zh')).toBe(
      '812 名衰退期（流失中/已沉默）大额付费/中额付费玩家，未活跃 7–30 天：平均流失风险 60%，按 15% 提升率作用于 US$38,560.00 的风险价值，可挽回 US$5,784.00，奖励成本 US$2,436.00。',
    );
  });

  it('words empty, valueless, measured and losing proposals, with open bounds', () => {
    expect(word({ code: 'empty', values: {} }, 'en')).toBe('Nobody matches this offer on this day.');
    const noValue: Reason = {
      code: 'no_value',
      values: {
        stages: 'exploration',
        members: 3,
        minLevel: 10,
        cost: '1.5',
        kept: '0',
        atRisk: '0',
        retained: '0',
        uplift: 0.08,
        churn: 0.3,
        source: 'assumed',
      },
    };
    expect(word(noValue, 'en')).toBe(
      '3 players in Exploration, level 10–∞ match, but bring no value the models can see even if kept; the rewards would cost $1.50.',
    );
    const loses: Reason = {
      code: 'loses',
      values: { stages: 'growth,stable', members: 2, cost: '26.6823', kept: '533.6445', retained: '21.3458', uplift: 0.04, source: 'measured' },
    };
    expect(word(loses, 'en')).toBe(
      '2 players in Growth/Stable: the 4% a launch measured, of $533.64 they bring if kept, is only $21.35 back for $26.68 of rewards.',
    );
    expect(word(loses, 'zh')).toBe('2 名成长期/稳定期玩家：按投放实测的 4% 作用于留住时的 US$533.64，只能挽回 US$21.35，奖励成本却要 US$26.68。');
  });
});

describe('offer editor form', () => {
  const saved: OfferDefinition = {
    ...(DEFAULT_OFFERS.find((o) => o.offerId === 'vip-points') as OfferDefinition),
    conditions: { ...DEFAULT_OFFERS[0].conditions, maxLevel: null, minLevel: 5, servers: ['s01', 's02'], minClv: '10.5' },
  };

  it('a saved offer survives the form unchanged, as the server normalises it', () => {
    const draft = draftOf(formOf(saved, '2026-03-31'));
    expect(draft.conditions).toMatchObject({ minLevel: '5', maxLevel: null, servers: ['s01', 's02'], minClv: '10.5', tiers: [] });
    expect(draft.cost).toEqual({ kind: 'spend_share', fixedCost: '0', spendShare: '0.03' });
    const { offer, errors } = validateOffer(draft);
    expect(errors).toEqual([]);
    expect(offer).toEqual(saved);
  });

  it("keeps the offer's words in each language through the form, and an empty language shows the offer's own", () => {
    const form = formOf(saved, '2026-03-31');
    expect(form.texts.zh.name).toBe('VIP积分与特权');
    expect(form.texts.en).toEqual({ name: '', description: '', reward: '' });
    const edited = { ...form, texts: { ...form.texts, zh: { ...form.texts.zh, reward: '' } } };
    expect(draftOf(edited).texts).toEqual({ zh: { name: 'VIP积分与特权', description: saved.texts.zh?.description } });
    expect(localWord(saved, 'name', 'zh')).toBe('VIP积分与特权');
    expect(localWord(saved, 'name', 'en')).toBe('VIP points and privileges');
    expect(localWord(draftOf(edited), 'reward', 'zh')).toBe(saved.reward);
  });

  it('sends typed text as it is, so the server names the mistake', () => {
    const form = { ...formOf(null, '2026-03-31'), offerId: 'x', name: 'X', reward: 'gems', minIdleDays: ' 7 ', maxIdleDays: 'ten', servers: 's01，s02  s03' };
    const draft = draftOf(form);
    expect(draft.conditions.servers).toEqual(['s01', 's02', 's03']);
    expect(draft.activeFrom).toBe('2026-03-31');
    const { errors } = validateOffer(draft);
    expect(errors.map((e) => [e.field, e.code, e.values.value])).toEqual([['conditions.maxIdleDays', 'whole', 'ten']]);
    expect(sameDraft(form, { ...form, maxIdleDays: 'ten' })).toBe(true);
    expect(sameDraft(form, { ...form, maxIdleDays: '10' })).toBe(false);
  });

  it('toggles choices in their display order', () => {
    const order = ['exploration', 'growth', 'stable', 'decline'] as const;
    expect(toggled(['decline'], 'growth', true, order)).toEqual(['growth', 'decline']);
    expect(toggled(['growth', 'decline'], 'decline', false, order)).toEqual(['growth']);
  });
});
