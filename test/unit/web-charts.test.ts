import { describe, expect, it } from 'vitest';
import { STAGE_COLORS, type ChartContext, type ChartOption } from '../../web/src/lib/charts/common.ts';
import { dauRevenueOption } from '../../web/src/lib/charts/dauRevenue.ts';
import { MAX_POINTS, downsample, lttbIndices } from '../../web/src/lib/charts/downsample.ts';
import { stageDistributionOption, stageTrendOption } from '../../web/src/lib/charts/stages.ts';
import { formatter } from '../../web/src/lib/format.ts';
import { translate, type Lang } from '../../web/src/lib/i18n.ts';
import type { DailyRow, StageTrendDay } from '../../contract/overview.ts';

// Option fields are deep unions in the ECharts types; tests read them loosely and assert values.
type Loose = Record<string, any>;
const list = (v: unknown): Loose[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as Loose[];
const seriesOf = (o: ChartOption) => list(o.series);

const ctx = (lang: Lang = 'en'): ChartContext => ({
  t: (key, vars) => translate(lang, key, vars),
  fmt: formatter(lang),
});

function days(n: number, start = '2024-01-01'): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10));
}

const trendDays = (n: number): StageTrendDay[] => days(n).map((day, i) => ({ day, exploration: 10 + i, growth: 20, stable: 30 + (i % 3), decline: 5 }));

const dailyRows = (n: number): DailyRow[] => days(n).map((day, i) => ({ day, dau: 100 + i, newPlayers: 3, payers: 2, revenue: `${i}.5000` }));

describe('lttbIndices', () => {
  it('returns every index when the series is short enough', () => {
    expect(lttbIndices([1, 2, 3], 10)).toEqual([0, 1, 2]);
  });

  it('keeps exactly threshold ascending indices including both ends', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50));
    const idx = lttbIndices(values, 500);
    expect(idx).toHaveLength(500);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(9_999);
    expect(idx.every((v, i) => i === 0 || v > idx[i - 1])).toBe(true);
  });

  it('keeps a single spike that striding would drop', () => {
    const values = Array.from({ length: 5_000 }, () => 1);
    values[2_345] = 900;
    expect(lttbIndices(values, 100)).toContain(2_345);
  });

  it('handles degenerate thresholds', () => {
    expect(lttbIndices([], 2)).toEqual([]);
    expect(lttbIndices([5, 6, 7], 1)).toEqual([0]);
    expect(lttbIndices([5, 6, 7], 2)).toEqual([0, 2]);
  });
});

describe('downsample', () => {
  it('returns whole rows, at most MAX_POINTS of them', () => {
    const rows = dailyRows(12_000);
    const out = downsample(rows, (r) => r.dau);
    expect(out).toHaveLength(MAX_POINTS);
    expect(out[0]).toBe(rows[0]);
    expect(out.at(-1)).toBe(rows.at(-1));
  });

  it('copies short input unchanged', () => {
    const rows = dailyRows(5);
    expect(downsample(rows, (r) => r.dau)).toEqual(rows);
  });
});

describe('stageDistributionOption', () => {
  it('draws one pie slice per stage in lifecycle order with the stage colours', () => {
    const option = stageDistributionOption(
      [
        { stage: 'decline', players: 4 },
        { stage: 'exploration', players: 10 },
        { stage: 'growth', players: 7 },
      ],
      ctx(),
    );
    const [pie, ...rest] = seriesOf(option);
    expect(rest).toHaveLength(0);
    expect(pie.type).toBe('pie');
    expect(pie.data.map((d: Loose) => [d.name, d.value, d.itemStyle.color])).toEqual([
      ['Exploration', 10, STAGE_COLORS.exploration],
      ['Growth', 7, STAGE_COLORS.growth],
      ['Stable', 0, STAGE_COLORS.stable],
      ['Decline', 4, STAGE_COLORS.decline],
    ]);
  });

  it('labels slices in Chinese', () => {
    const [pie] = seriesOf(stageDistributionOption([], ctx('zh')));
    expect(pie.data.map((d: Loose) => d.name)).toEqual(['探索期', '成长期', '稳定期', '衰退期']);
  });
});

describe('stageTrendOption', () => {
  it('stacks four area series over the days', () => {
    const input = trendDays(30);
    const option = stageTrendOption(input, ctx());
    const series = seriesOf(option);
    expect(series.map((s) => s.type)).toEqual(['line', 'line', 'line', 'line']);
    expect(new Set(series.map((s) => s.stack))).toEqual(new Set(['stages']));
    expect(series.every((s) => s.areaStyle !== undefined)).toBe(true);
    expect(series.map((s) => s.name)).toEqual(['Exploration', 'Growth', 'Stable', 'Decline']);
    expect(series[0].data.slice(0, 3)).toEqual([10, 11, 12]);
    expect(series[2].data.slice(0, 4)).toEqual([30, 31, 32, 30]);

    const [x] = list(option.xAxis);
    expect(x.type).toBe('category');
    expect(x.data).toEqual(input.map((d) => d.day));
    expect(x.axisLabel.formatter('2024-03-05')).toBe('Mar 5');
    const [y] = list(option.yAxis);
    expect(y.name).toBe('Players');
    expect(list(option.dataZoom)).toHaveLength(0);
  });

  it('formats axis labels for Chinese', () => {
    const [x] = list(stageTrendOption(trendDays(3), ctx('zh')).xAxis);
    expect(x.axisLabel.formatter('2024-03-05')).toBe('3月5日');
  });

  it('downsamples long ranges with all stages kept on the same days and adds zoom', () => {
    const option = stageTrendOption(trendDays(8_000), ctx());
    const [x] = list(option.xAxis);
    expect(x.data.length).toBeLessThanOrEqual(MAX_POINTS);
    for (const s of seriesOf(option)) expect(s.data).toHaveLength(x.data.length);
    expect(x.data[0]).toBe('2024-01-01');
    expect(list(option.dataZoom).map((z) => z.type)).toEqual(['inside', 'slider']);
  });
});

describe('dauRevenueOption', () => {
  it('puts DAU as a line on the left axis and revenue as bars on the right axis', () => {
    const rows: DailyRow[] = [
      { day: '2024-05-01', dau: 1200, newPlayers: 30, payers: 12, revenue: '12345.6700' },
      { day: '2024-05-02', dau: 1350, newPlayers: 41, payers: 15, revenue: '0.0000' },
    ];
    const option = dauRevenueOption(rows, 'USD', ctx());
    const [line, bar, ...rest] = seriesOf(option);
    expect(rest).toHaveLength(0);
    expect(line.type).toBe('line');
    expect(bar.type).toBe('bar');
    expect(line).toMatchObject({ name: 'DAU', yAxisIndex: 0, data: [1200, 1350] });
    expect(bar).toMatchObject({ name: 'Revenue per day', yAxisIndex: 1, data: [12345.67, 0] });
    expect(bar.stack).toBeUndefined();

    const yAxes = list(option.yAxis);
    expect(yAxes.map((y) => y.name)).toEqual(['DAU', 'Revenue per day (USD)']);
    expect(yAxes[0].axisLabel.formatter(12_000)).toBe('12K');
    const [x] = list(option.xAxis);
    expect(x.data).toEqual(['2024-05-01', '2024-05-02']);

    // Tooltips show the exact decimal string from the API, not the float used for bar height.
    expect(bar.tooltip.valueFormatter(12345.67, 0)).toBe('$12,345.67');
    expect(line.tooltip.valueFormatter(1350, 1)).toBe('1,350');
  });

  it('keeps line and bars aligned when downsampling a long range', () => {
    const option = dauRevenueOption(dailyRows(5_000), 'USD', ctx());
    const [x] = list(option.xAxis);
    const [line, bar] = seriesOf(option);
    expect(x.data.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(bar.data).toHaveLength(x.data.length);
    expect(line.data).toHaveLength(x.data.length);
    const i = 700;
    const day = x.data[i];
    const offset = days(5_000).indexOf(day);
    expect(line.data[i]).toBe(100 + offset);
    expect(bar.data[i]).toBe(offset + 0.5);
  });
});
