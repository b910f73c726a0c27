import { describe, expect, it } from 'vitest';
import type { ChartContext } from '../../web/src/lib/charts/common.ts';
import { plannerOption } from '../../web/src/lib/charts/winback.ts';
import { formatter } from '../../web/src/lib/format.ts';
import { translate, type Lang } from '../../web/src/lib/i18n.ts';
import { planReasonText, rescueReasonText } from '../../web/src/winback/reasons.ts';

type Loose = Record<string, any>;
const ctx = (lang: Lang = 'en'): ChartContext => ({ t: (key, vars) => translate(lang, key, vars), fmt: formatter(lang) });

// The two servers of test/integration/winback.test.ts, s02 at a higher assumed rate.
const servers = [
  { serverId: 's01', leaving: 1, lapsed: 2, expectedReturning: 0.24, recommendation: 'not_yet' as const },
  { serverId: 's02', leaving: 2, lapsed: 1, expectedReturning: 1.55, recommendation: 'open' as const },
];

describe('new-server planner chart', () => {
  it('stacks leaving and lapsed players per server, with the expected returning players beside them', () => {
    const o = plannerOption(servers, ctx()) as Loose;
    expect(o.xAxis.data).toEqual(['s01', 's02']);
    expect(o.series.map((s: Loose) => [s.name, s.stack ?? null, s.data])).toEqual([
      ['Leaving', 'base', [1, 2]],
      ['Lapsed', 'base', [2, 1]],
      ['Expected returning', null, [0.2, 1.6]],
    ]);
  });

  it('speaks Chinese and explains a server in the tooltip', () => {
    const o = plannerOption(servers, ctx('zh')) as Loose;
    expect(o.series.map((s: Loose) => s.name)).toEqual(['流失中', '已沉默', '预期回归人数']);
    expect(o.tooltip.formatter([{ dataIndex: 1 }])).toBe('s02：流失中 2，已沉默 1；预期回归 1.6 — 开新服');
    expect((plannerOption(servers, ctx()) as Loose).tooltip.formatter([{ dataIndex: 0 }])).toBe('s01: 1 leaving, 2 lapsed; 0.2 expected back — Not yet');
  });

  it('draws nothing for no server', () => {
    expect((plannerOption([], ctx()) as Loose).series.every((s: Loose) => s.data.length === 0)).toBe(true);
  });
});

describe('win-back explanations', () => {
  const rescue = {
    code: 'rescue' as const,
    // A6 of test/integration/winback.test.ts: 0.15 x 0.25 = 3.75% of 365.25 if back.
    values: {
      pWinBack: 0.0375,
      expectedClv: '365.2500',
      valueIfKept: '365.2500',
      expectedReturn: '13.6969',
      tier: 'large',
      cost: '12.0000',
      pAliveScored: true,
    },
  };
  it('words a rescue and a let-go in both languages', () => {
    expect(rescueReasonText(rescue, 'USD', ctx())).toBe('3.8% × $365.25 if back = $13.70 expected, more than the Large reward ($12.00)');
    expect(rescueReasonText({ ...rescue, code: 'let_go_cost' }, 'USD', ctx('zh'))).toBe(
      '3.8% × 回归后价值 US$365.25 = 预期回收 US$13.70，不足以覆盖大档奖励（US$12.00）',
    );
    expect(rescueReasonText({ code: 'let_go_no_value', values: { pAliveScored: false } }, 'USD', ctx())).toBe(
      'No value to win back, even if the player returns',
    );
  });
  it('says when the engagement model has not scored the player', () => {
    expect(rescueReasonText({ ...rescue, values: { ...rescue.values, pAliveScored: false } }, 'USD', ctx())).toMatch(
      /\(P\(churn\) is the stage’s measured churn: not scored by the engagement model, or seen on one day only\)$/,
    );
  });
  it('words the planner recommendation', () => {
    const reason = {
      code: 'too_few_returning' as const,
      values: { expectedReturning: 0.24, population: 3, minReturning: 50, expectedRevenue: '29.22', expectedCost: '6' },
    };
    expect(planReasonText(reason, 'USD', ctx())).toBe('Only 0.2 of 3 expected back; the minimum is 50');
    expect(planReasonText({ ...reason, code: 'open' }, 'USD', ctx('zh'))).toBe('3 人中预期 0.2 人回归（最低 50）；预期收入 US$29.22，成本 US$6.00');
  });
});
