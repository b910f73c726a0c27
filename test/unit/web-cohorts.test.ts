import { describe, expect, it } from 'vitest';
import {
  bandOf,
  ltvHeatmapOption,
  MAX_CURVES,
  PARTIAL_COLOR,
  periodLabels,
  retentionCurvesOption,
  retentionHeatmapOption,
  retentionScale,
} from '../../web/src/lib/charts/cohorts.ts';
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

  it('scales colours by the periods after the first, which are not 100% by definition, in the legend’s bands', () => {
    // Highest later rate 100% (Mar 8, D1): five bands of ceil(100 / 5) = 20 points.
    expect(retentionScale(ROWS).map((b) => [b.from, b.to])).toEqual([
      [0, 20],
      [20, 40],
      [40, 60],
      [60, 80],
      [80, null],
    ]);
    expect(o.visualMap[0].pieces).toHaveLength(5);
    expect(o.visualMap[0].pieces[4]).toEqual({ gte: 80, color: '#1e3a8a' });
    // Only Mar 2: highest later rate 50% -> bands of 10 points; 50% falls in the top band, 0% in the first.
    const lower = retentionScale([ROWS[0]]);
    expect(lower.map((b) => b.from)).toEqual([0, 10, 20, 30, 40]);
    expect(bandOf(lower, 0.5)).toBe(lower[4]);
    expect(bandOf(lower, 0.0999)).toBe(lower[0]);
    expect(bandOf(lower, 0.1)).toBe(lower[1]);
  });

  it('greys and stars a period not over yet, and keeps it out of the scale', () => {
    // Mar 8's D1 (100%) is partial: the highest complete later rate is 50% (Mar 2, D1 and D2), bands of 10.
    const rows = [ROWS[0], { ...ROWS[1], partialPeriod: 1 }];
    expect(retentionScale(rows)[1].from).toBe(10);
    const p = retentionHeatmapOption(rows, 'day', 4, ctx()) as Loose;
    expect(p.series[1].data).toEqual([[1, 1, 100]]);
    expect(p.visualMap[1]).toMatchObject({ seriesIndex: 1, pieces: [{ gte: 0, color: PARTIAL_COLOR }] });
    expect(p.series[1].label.formatter({ value: [1, 1, 100] })).toBe('100*');
    expect(p.series[0].data).not.toContainEqual([1, 1, 100]);
    expect(p.visualMap[0].seriesIndex).toBe(0);
    expect(p.tooltip.formatter({ value: [1, 1, 100], seriesIndex: 1 })).toBe(
      'Mar 8, 2026, D1: 100.0% (1 of 1) · partial period: not over yet, counts still rising',
    );
  });

  it('explains a cell in the chosen language', () => {
    expect(o.tooltip.formatter({ value: [1, 0, 50] })).toBe('Mar 2, 2026, D1: 50.0% (1 of 2)');
    const zh = retentionHeatmapOption(ROWS, 'week', 4, ctx('zh')) as Loose;
    expect(zh.yAxis.data[0]).toBe('3月2日 当周（2）');
    expect(periodLabels('week', 3)).toEqual(['W0', 'W1', 'W2']);
  });
});

describe('retention curves', () => {
  it('draws the average and the most recent cohorts, leaving a partial period out of its line', () => {
    const rows = [ROWS[0], { ...ROWS[1], partialPeriod: 1 }];
    const o = retentionCurvesOption(rows, [1, 0.6667, 0.3333, 0], 'day', 4, ctx()) as Loose;
    expect(o.series.map((s: Loose) => s.name)).toEqual(['Average', 'Mar 2 (2)', 'Mar 8 (1)']);
    expect(o.series[0].data).toEqual([100, 66.7, 33.3, 0]);
    expect(o.series[1].data).toEqual([100, 50, 50, 0]);
    expect(o.series[2].data).toEqual([100, null, 0, null]);
    const many = Array.from({ length: 12 }, (_, i) => ({ ...ROWS[0], cohort: `2026-03-${String(i + 10)}` }));
    const m = retentionCurvesOption(many, [], 'day', 4, ctx()) as Loose;
    expect(m.series).toHaveLength(1 + MAX_CURVES);
    expect(m.series[1].name).toBe('Mar 14 (2)');
    expect((retentionCurvesOption(rows, [], 'week', 4, ctx('zh')) as Loose).series[0].name).toBe('平均');
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
    expect(o.visualMap[0].max).toBe(7.495);
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

  it('greys and stars the period not over yet, outside the colour scale', () => {
    const rows: LtvCohort[] = [{ cohort: '2026-03-02', size: 2, ltv: ['4.995', '7.495', null], partialPeriod: 1 }];
    const o = ltvHeatmapOption(rows, 'week', 3, 'USD', ctx()) as Loose;
    expect(o.series[0].data).toEqual([[0, 0, 4.995, '4.995']]);
    expect(o.series[1].data).toEqual([[1, 0, 7.495, '7.495']]);
    expect(o.visualMap[0].max).toBe(4.995);
    expect(o.visualMap[1].pieces[0].color).toBe(PARTIAL_COLOR);
    expect(o.series[1].label.formatter({ value: [1, 0, 7.495, '7.495'] })).toBe('$7.50*');
    expect(o.tooltip.formatter({ value: [1, 0, 7.495, '7.495'], seriesIndex: 1 })).toBe(
      'Mar 2, 2026, W1: $7.50 per player · partial period: not over yet, counts still rising',
    );
  });
});
