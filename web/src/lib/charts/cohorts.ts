// Cohort charts: retention (share of the cohort active in period n) as a colour scale, a heatmap and curves, and the revenue LTV triangle.
import type { Grain, LtvCohort, RetentionCohort } from '../../../../contract/retention.ts';
import { TEXT_COLOR, type ChartContext, type ChartOption, type ChartParts } from './common.ts';

/** The ECharts parts these charts draw with (see ChartParts). */
export const cohortParts: ChartParts = () => import('./parts/cohorts.ts');

const HEAT = ['#f1f5f9', '#bfdbfe', '#60a5fa', '#2563eb', '#1e3a8a'];
/** Text that reads on each HEAT colour. */
const HEAT_TEXT = ['#0f172a', '#0f172a', '#0f172a', '#ffffff', '#ffffff'];
/** Cells of a period not yet over (partial counts). */
export const PARTIAL_COLOR = '#e5e7eb';

/** One colour band of the retention scale: rates (in percent) from `from` up to `to` (the last band open above). */
export interface HeatBand {
  from: number;
  to: number | null;
  color: string;
  text: string;
}

/**
 * The retention colour scale: five bands of whole percents up to the highest
 * rate after period 0 among complete cells (D0/W0 is near 100% by definition
 * and would wash the scale out; it falls in the top band).
 */
export function retentionScale(rows: readonly RetentionCohort[]): HeatBand[] {
  let max = 1;
  for (const r of rows) for (const [n, v] of r.rates.entries()) if (n > 0 && v !== null && r.partialPeriod !== n) max = Math.max(max, v * 100);
  const step = Math.ceil(max / HEAT.length);
  return HEAT.map((color, i) => ({ from: i * step, to: i === HEAT.length - 1 ? null : (i + 1) * step, color, text: HEAT_TEXT[i] }));
}

/** The band a rate (0..1) falls in. */
export function bandOf(scale: readonly HeatBand[], rate: number): HeatBand {
  const pct = rate * 100;
  return scale.find((b) => b.to === null || pct < b.to) ?? scale[scale.length - 1];
}
const MONEY_HEAT = ['#fefce8', '#fde68a', '#f59e0b', '#b45309', '#78350f'];

/** Column labels D0, D1, ... or W0, W1, ... */
export const periodLabels = (grain: Grain, periods: number) => Array.from({ length: periods }, (_, n) => `${grain === 'day' ? 'D' : 'W'}${n}`);

/** Row labels: the cohort's first day (or week) and its size. */
function cohortLabels(rows: readonly { cohort: string; size: number }[], grain: Grain, { t, fmt }: ChartContext): string[] {
  return rows.map((r) => t(grain === 'day' ? 'retention.cohortDay' : 'retention.cohortWeek', { day: fmt.shortDay(r.cohort), size: fmt.int(r.size) }));
}

function frame(rows: readonly { cohort: string; size: number }[], grain: Grain, periods: number, ctx: ChartContext) {
  // The latest cohort at the bottom, as in a triangle that grows downwards.
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 8, outerBoundsMode: 'same' as const, outerBoundsContain: 'all' as const },
    xAxis: {
      type: 'category' as const,
      position: 'top' as const,
      data: periodLabels(grain, periods),
      axisLabel: { color: TEXT_COLOR },
      splitArea: { show: false },
    },
    yAxis: { type: 'category' as const, inverse: true, data: cohortLabels(rows, grain, ctx), axisLabel: { color: TEXT_COLOR } },
  };
}

/** Retention heatmap; periods that have not started yet are left blank, a period not yet over is grey. Values are percentages. */
export function retentionHeatmapOption(rows: readonly RetentionCohort[], grain: Grain, periods: number, ctx: ChartContext): ChartOption {
  const complete: [number, number, number][] = [];
  const partial: [number, number, number][] = [];
  for (const [y, r] of rows.entries()) {
    for (const [x, v] of r.rates.entries()) if (v !== null) (r.partialPeriod === x ? partial : complete).push([x, y, Math.round(v * 1000) / 10]);
  }
  const scale = retentionScale(rows);
  const label = { show: periods * rows.length <= 600, fontSize: 9 };
  return {
    ...frame(rows, grain, periods, ctx),
    tooltip: {
      formatter: (p: unknown) => {
        const { value, seriesIndex } = p as { value: [number, number, number]; seriesIndex: number };
        const [x, y, pct] = value;
        const row = rows[y];
        const tip = ctx.t('retention.cellTip', {
          period: periodLabels(grain, periods)[x],
          cohort: ctx.fmt.day(row.cohort),
          pct: pct.toFixed(1),
          players: ctx.fmt.int(row.players[x] ?? 0),
          size: ctx.fmt.int(row.size),
        });
        return seriesIndex === 1 ? `${tip} · ${ctx.t('retention.partial')}` : tip;
      },
    },
    // A heatmap is coloured only through a visual map: the bands for complete cells, one grey for the partial ones.
    visualMap: [
      {
        type: 'piecewise',
        seriesIndex: 0,
        show: false,
        pieces: scale.map((b) => (b.to === null ? { gte: b.from, color: b.color } : { gte: b.from, lt: b.to, color: b.color })),
      },
      { type: 'piecewise', seriesIndex: 1, show: false, pieces: [{ gte: 0, color: PARTIAL_COLOR }] },
    ],
    series: [
      {
        type: 'heatmap',
        name: ctx.t('retention.title'),
        data: complete,
        label: { ...label, formatter: (p: unknown) => `${(p as { value: number[] }).value[2].toFixed(0)}` },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
      {
        type: 'heatmap',
        name: ctx.t('retention.partial'),
        data: partial,
        label: { ...label, color: '#475569', formatter: (p: unknown) => `${(p as { value: number[] }).value[2].toFixed(0)}*` },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
    ],
  };
}

/** The most recent cohorts drawn as curves (more lines would not be told apart). */
export const MAX_CURVES = 8;

/**
 * Retention curves of the most recent cohorts against the average over complete
 * periods: share retained (percent) by period; a period not yet over is left
 * out of its cohort's line, so no curve dips at its end for want of time.
 */
export function retentionCurvesOption(
  rows: readonly RetentionCohort[],
  average: readonly (number | null)[],
  grain: Grain,
  periods: number,
  ctx: ChartContext,
): ChartOption {
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);
  const recent = rows.slice(-MAX_CURVES);
  const labels = cohortLabels(recent, grain, ctx);
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: 'same' as const, outerBoundsContain: 'all' as const },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '–') },
    xAxis: { type: 'category', data: periodLabels(grain, periods), axisLabel: { color: TEXT_COLOR } },
    yAxis: { type: 'value', min: 0, axisLabel: { color: TEXT_COLOR, formatter: '{value}%' } },
    series: [
      {
        type: 'line',
        name: ctx.t('retention.average'),
        data: average.map(pct),
        lineStyle: { width: 3, color: '#0f172a' },
        itemStyle: { color: '#0f172a' },
        symbol: 'none',
        z: 3,
      },
      ...recent.map((r, i) => ({
        type: 'line' as const,
        name: labels[i],
        data: r.rates.map((v, n) => (n === r.partialPeriod ? null : pct(v))),
        symbolSize: 4,
        lineStyle: { width: 1.5 },
      })),
    ],
  };
}

/** LTV triangle heatmap: cumulative revenue per cohort member by period, labelled in the base currency. */
export function ltvHeatmapOption(rows: readonly LtvCohort[], grain: Grain, periods: number, currency: string, ctx: ChartContext): ChartOption {
  // The colour scale needs numbers; the labels use the exact decimal strings. A period not over yet is grey and starred.
  const complete: [number, number, number, string][] = [];
  const partial: [number, number, number, string][] = [];
  for (const [y, r] of rows.entries()) {
    for (const [x, v] of r.ltv.entries()) if (v !== null) (r.partialPeriod === x ? partial : complete).push([x, y, Number(v), v]);
  }
  const max = Math.max(0.01, ...complete.map((d) => d[2]));
  const money = (p: unknown) => ctx.fmt.money((p as { value: [number, number, number, string] }).value[3], currency);
  const label = { show: periods * rows.length <= 600, fontSize: 9 };
  return {
    ...frame(rows, grain, periods, ctx),
    tooltip: {
      formatter: (p: unknown) => {
        const { value, seriesIndex } = p as { value: [number, number, number, string]; seriesIndex: number };
        const tip = ctx.t('retention.ltvTip', {
          period: periodLabels(grain, periods)[value[0]],
          cohort: ctx.fmt.day(rows[value[1]].cohort),
          ltv: ctx.fmt.money(value[3], currency),
        });
        return seriesIndex === 1 ? `${tip} · ${ctx.t('retention.partial')}` : tip;
      },
    },
    visualMap: [
      { min: 0, max, show: false, dimension: 2, seriesIndex: 0, inRange: { color: MONEY_HEAT } },
      { type: 'piecewise', seriesIndex: 1, show: false, dimension: 2, pieces: [{ gte: -Infinity, color: PARTIAL_COLOR }] },
    ],
    series: [
      {
        type: 'heatmap',
        name: ctx.t('retention.ltv'),
        data: complete,
        label: { ...label, formatter: money },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
      {
        type: 'heatmap',
        name: ctx.t('retention.partial'),
        data: partial,
        label: { ...label, color: '#475569', formatter: (p: unknown) => `${money(p)}*` },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
    ],
  };
}
