import { describe, expect, it } from 'vitest';
import type { ChartContext } from '../../web/src/lib/charts/common.ts';
import { RFM_SEGMENTS } from '../../server/value/rfm.ts';
import { paretoOption, rfmOption, rfmRows } from '../../web/src/lib/charts/value.ts';
import { formatter } from '../../web/src/lib/format.ts';
import { translate, type Lang } from '../../web/src/lib/i18n.ts';

type Loose = Record<string, any>;
const ctx = (lang: Lang = 'en'): ChartContext => ({ t: (key, vars) => translate(lang, key, vars), fmt: formatter(lang) });

describe('value charts', () => {
  it('draws the Pareto curve in percent from the origin, with the equal-spend diagonal', () => {
    // The fixture's five payers (test/integration/value.test.ts).
    const o = paretoOption(
      [
        { payerShare: 0.2, revenueShare: 0.70588 },
        { payerShare: 1, revenueShare: 1 },
      ],
      ctx(),
    ) as Loose;
    expect(o.series[0].data).toEqual([
      [0, 0],
      [20, 70.6],
      [100, 100],
    ]);
    expect(o.series[1].data).toEqual([
      [0, 0],
      [100, 100],
    ]);
  });

  it('shows every RFM segment in rule order, empty ones as 0, with localized names', () => {
    const order = ['champions', 'at_risk', 'hibernating'];
    const segments = [
      { segment: 'hibernating', players: 1, lifetimeSpend: '2', avgMonetary: 1 },
      { segment: 'champions', players: 2, lifetimeSpend: '33', avgMonetary: 3.5 },
    ];
    const o = rfmOption(segments, order, 'USD', ctx('zh')) as Loose;
    expect(o.yAxis.data).toEqual(['核心玩家', '流失风险', '沉睡']);
    expect(o.series[0].data).toEqual([2, 0, 1]);
    expect(o.tooltip.formatter({ dataIndex: 0 })).toBe('核心玩家：2 名付费玩家，US$33.00');
    expect(rfmRows(segments, order)[1]).toEqual({ segment: 'at_risk', players: 0, lifetimeSpend: '0', avgMonetary: 0 });
  });

  it('names every segment of the server rules in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const s of RFM_SEGMENTS) expect(translate(lang, `rfm.${s}` as Parameters<typeof translate>[1])).toMatch(/\S/);
    }
  });
});
