// Cohort heatmaps: retention (share of the cohort active in period n) and the revenue LTV triangle.
import type { Grain, LtvCohort, RetentionCohort } from '../../../../contract/retention.ts';
import { TEXT_COLOR, type ChartContext, type ChartOption, type ChartParts } from './common.ts';

/** The ECharts parts these charts draw with (see ChartParts). */
export const cohortParts: ChartParts = () => import('./parts/cohorts.ts');

const HEAT = ['#f1f5f9', '#bfdbfe', '#60a5fa', '#2563eb', '#1e3a8a'];
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

/** Retention heatmap; periods that have not started yet are left blank. Values are percentages. */
export function retentionHeatmapOption(rows: readonly RetentionCohort[], grain: Grain, periods: number, ctx: ChartContext): ChartOption {
  const data: [number, number, number][] = [];
  for (const [y, r] of rows.entries()) {
    for (const [x, v] of r.rates.entries()) if (v !== null) data.push([x, y, Math.round(v * 1000) / 10]);
  }
  // Colour by the periods after the first: D0/W0 is near 100% by definition and would wash the scale out.
  const later = data.filter(([x]) => x > 0).map(([, , v]) => v);
  const max = Math.max(1, ...later);
  return {
    ...frame(rows, grain, periods, ctx),
    tooltip: {
      formatter: (p: unknown) => {
        const { value } = p as { value: [number, number, number] };
        const [x, y, pct] = value;
        const row = rows[y];
        return ctx.t('retention.cellTip', {
          period: periodLabels(grain, periods)[x],
          cohort: ctx.fmt.day(row.cohort),
          pct: pct.toFixed(1),
          players: ctx.fmt.int(row.players[x] ?? 0),
          size: ctx.fmt.int(row.size),
        });
      },
    },
    visualMap: { min: 0, max, calculable: false, show: false, inRange: { color: HEAT } },
    series: [
      {
        type: 'heatmap',
        name: ctx.t('retention.title'),
        data,
        label: { show: periods * rows.length <= 600, fontSize: 9, formatter: (p: unknown) => `${(p as { value: number[] }).value[2].toFixed(0)}` },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
    ],
  };
}

/** LTV triangle heatmap: cumulative revenue per cohort member by period, labelled in the base currency. */
export function ltvHeatmapOption(rows: readonly LtvCohort[], grain: Grain, periods: number, currency: string, ctx: ChartContext): ChartOption {
  // The colour scale needs numbers; the labels use the exact decimal strings.
  const data: [number, number, number, string][] = [];
  for (const [y, r] of rows.entries()) {
    for (const [x, v] of r.ltv.entries()) if (v !== null) data.push([x, y, Number(v), v]);
  }
  const max = Math.max(0.01, ...data.map((d) => d[2]));
  return {
    ...frame(rows, grain, periods, ctx),
    tooltip: {
      formatter: (p: unknown) => {
        const { value } = p as { value: [number, number, number, string] };
        return ctx.t('retention.ltvTip', {
          period: periodLabels(grain, periods)[value[0]],
          cohort: ctx.fmt.day(rows[value[1]].cohort),
          ltv: ctx.fmt.money(value[3], currency),
        });
      },
    },
    visualMap: { min: 0, max, show: false, dimension: 2, inRange: { color: MONEY_HEAT } },
    series: [
      {
        type: 'heatmap',
        name: ctx.t('retention.ltv'),
        data,
        label: {
          show: periods * rows.length <= 600,
          fontSize: 9,
          formatter: (p: unknown) => ctx.fmt.money((p as { value: [number, number, number, string] }).value[3], currency),
        },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
    ],
  };
}
