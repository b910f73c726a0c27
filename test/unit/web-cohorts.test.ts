import { describe, expect, it } from 'vitest';
import { ltvHeatmapOption, periodLabels, retentionHeatmapOption } from '../../web/src/lib/charts/cohorts.ts';
import type { ChartContext } from '../../web/src/lib/charts/common.ts';
import { formatter } from '../../web/src/lib/format.ts';
import { translate, type Lang } from '../../web/src/lib/i18n.ts';
import type { LtvCohort, RetentionCohort } from '../../contract/retention.ts';

type Loose = Record<string, any>;
const ctx = (lang: Lang = 'en'): ChartContext => ({ t: (key, vars) => translate(lang, key, vars), fmt: formatter(lang) });

// Two daily cohorts of the UTC+8 fixture (test/integration/retention.test.ts), first 4 periods.
const ROWS: RetentionCohort[] = [
  { cohort: '2026-03-02', size: 2, players: [2, 1, 1, 0], rates: [1, 0.5, 0.5, 0], partialPeriod: null },
  { cohort: '2026-03-08', size: 1, players: [1, 1, 0, null], rates: [1, 1, 0, null], partialPeriod: null },
];

describe('retention heatmap', () => {
  const o = retentionHeatmapOption(ROWS, 'day', 4, ctx()) as Loose;

  it('has one cell per started period, as a percentage, and none for periods not yet started', () => {
    expect(o.series[0].data).toEqual([
      [0, 0, 100],
      [1, 0, 50],
      [2, 0, 50],
      [3, 0, 0],
      [0, 1, 100],
      [1, 1, 100],
      [2, 1, 0],
    ]);
    expect(o.xAxis.data).toEqual(['D0', 'D1', 'D2', 'D3']);
    expect(o.yAxis.data).toEqual(['Mar 2 (2)', 'Mar 8 (1)']);
  });

  it('scales colours by the periods after the first, which are not 100% by definition', () => {
    expect(o.visualMap).toMatchObject({ min: 0, max: 100 });
    const lower = retentionHeatmapOption([{ ...ROWS[0] }], 'day', 4, ctx()) as Loose;
    expect(lower.visualMap.max).toBe(50);
  });

  it('explains a cell in the chosen language', () => {
    expect(o.tooltip.formatter({ value: [1, 0, 50] })).toBe('Mar 2, 2026, D1: 50.0% (1 of 2)');
    const zh = retentionHeatmapOption(ROWS, 'week', 4, ctx('zh')) as Loose;
    expect(zh.yAxis.data[0]).toBe('3月2日 当周（2）');
    expect(periodLabels('week', 3)).toEqual(['W0', 'W1', 'W2']);
  });
});

describe('LTV heatmap', () => {
  it('colours by value but labels with the exact decimal in the base currency', () => {
    const rows: LtvCohort[] = [{ cohort: '2026-03-02', size: 2, ltv: ['4.995', '7.495', null], partialPeriod: null }];
    const o = ltvHeatmapOption(rows, 'day', 3, 'USD', ctx()) as Loose;
    expect(o.series[0].data).toEqual([
      [0, 0, 4.995, '4.995'],
      [1, 0, 7.495, '7.495'],
    ]);
    expect(o.visualMap.max).toBe(7.495);
    expect(o.tooltip.formatter({ value: [1, 0, 7.495, '7.495'] })).toBe('Mar 2, 2026, D1: $7.50 per player');
    expect(o.series[0].label.show).toBe(true);
    expect(o.series[0].label.formatter({ value: [0, 0, 4.995, '4.995'] })).toBe('$5.00');
    const many: LtvCohort[] = Array.from({ length: 30 }, (_, i) => ({
      cohort: `2026-03-${String(i + 1).padStart(2, '0')}`,
      size: 1,
      ltv: Array(31).fill('1'),
      partialPeriod: null,
    }));
    expect((ltvHeatmapOption(many, 'day', 31, 'USD', ctx()) as Loose).series[0].label.show).toBe(false);
  });
});
