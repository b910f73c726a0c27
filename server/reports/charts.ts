import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { labelOf, type ReportFormat, type Translate } from './messages.ts';
import type { RetentionBlock, StageMixSummary } from './types.ts';

/**
 * The report's charts: pure option builders, and one renderer that turns an
 * option into an inline SVG string with ECharts' server-side renderer (no
 * browser, no DOM). Colours are the dashboard's (web/src/lib/charts/common.ts).
 */

const STAGE_COLORS: Record<string, string> = {
  exploration: '#3b82f6',
  growth: '#22a06b',
  stable: '#8b5cf6',
  decline: '#f07c1f',
};
const PREVIOUS_COLOR = '#c3c8d0';
const TEXT_COLOR = '#5b6472';
const CURVE_COLOR = '#334155';
const COHORT_COLORS = ['#93c5fd', '#86efac', '#c4b5fd', '#fdba74', '#f9a8d4', '#99f6e4', '#fde68a', '#cbd5e1'];
/** CJK fonts listed so the Chinese report's labels render wherever it is opened. */
export const FONT_FAMILY = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

export interface ChartLabels {
  t: Translate;
  fmt: ReportFormat;
}

/** A stage row's label: the stage, with the decline status when it has one. */
export function stageRowLabel(t: Translate, stage: string, status: string): string {
  return status ? `${labelOf(t, 'stage', stage)} · ${labelOf(t, 'status', status)}` : labelOf(t, 'stage', stage);
}

/** Players per stage row: this window's last day (stage colours) beside the previous window's (grey). */
export function stageMixOption(mix: StageMixSummary, { t, fmt }: ChartLabels): EChartsOption {
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    // Server-side text widths are estimates: a wide gap keeps the two legend entries apart in any font.
    legend: { top: 0, itemWidth: 12, itemHeight: 10, itemGap: 40, textStyle: { color: TEXT_COLOR } },
    grid: { left: 56, right: 16, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: mix.rows.map((r) => stageRowLabel(t, r.stage, r.status)), axisLabel: { color: TEXT_COLOR, interval: 0 } },
    yAxis: { type: 'value', axisLabel: { color: TEXT_COLOR, formatter: (v: number) => fmt.int(v) } },
    series: [
      {
        type: 'bar',
        name: t('mix.chartThis', { day: fmt.day(mix.asOf) }),
        itemStyle: { color: STAGE_COLORS.growth },
        data: mix.rows.map((r) => ({ value: r.players, itemStyle: { color: STAGE_COLORS[r.stage] ?? CURVE_COLOR } })),
        label: { show: true, position: 'top', color: TEXT_COLOR, fontSize: 10, formatter: (p) => fmt.int(Number(p.value)) },
      },
      {
        type: 'bar',
        name: t('mix.chartPrevious', { day: fmt.day(mix.previousAsOf) }),
        itemStyle: { color: PREVIOUS_COLOR },
        data: mix.rows.map((r) => r.previousPlayers),
      },
    ],
  };
}

/** How many periods to draw: through the last one any cohort reached (at least D0 and D1). */
export function reachedPeriods(block: RetentionBlock): number {
  let last = 1;
  block.curve.forEach((v, n) => {
    if (v !== null) last = Math.max(last, n);
  });
  return last + 1;
}

/**
 * Retained share by period: the all-cohort curve in bold; weekly cohorts also
 * get a thin line each (daily ones are too many to tell apart).
 */
export function retentionOption(block: RetentionBlock, { t, fmt }: ChartLabels): EChartsOption {
  const periods = reachedPeriods(block);
  const prefix = block.grain === 'day' ? 'D' : 'W';
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10_000) / 100);
  const cohortLines =
    block.grain === 'week'
      ? block.cohorts.map((c, i) => ({
          type: 'line' as const,
          name: fmt.day(c.cohort),
          symbol: 'none',
          lineStyle: { width: 1, color: COHORT_COLORS[i % COHORT_COLORS.length] },
          itemStyle: { color: COHORT_COLORS[i % COHORT_COLORS.length] },
          data: Array.from({ length: periods }, (_, n) => pct(c.rates[n])),
        }))
      : [];
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    legend: { top: 0, type: 'plain', itemWidth: 12, itemHeight: 8, itemGap: 16, textStyle: { color: TEXT_COLOR, fontSize: 10 } },
    grid: { left: 48, right: 16, top: block.grain === 'week' ? 56 : 32, bottom: 28 },
    xAxis: { type: 'category', boundaryGap: false, data: Array.from({ length: periods }, (_, n) => `${prefix}${n}`), axisLabel: { color: TEXT_COLOR } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: TEXT_COLOR, formatter: (v: number) => `${fmt.int(v)}%` } },
    series: [
      ...cohortLines,
      {
        type: 'line',
        name: t('retention.curve'),
        symbolSize: 5,
        lineStyle: { width: 3, color: CURVE_COLOR },
        itemStyle: { color: CURVE_COLOR },
        data: block.curve.slice(0, periods).map(pct),
      },
    ],
  };
}

/**
 * Renders an option to an SVG string. ECharts numbers its CSS classes and
 * clip paths with process-wide counters (zr0-cls-3, zr5-c0); they are renamed
 * in order of appearance under `id`, so a re-built chart is byte-identical and
 * two charts on one page never share a class name.
 */
export function renderSvg(option: EChartsOption, size: { width: number; height: number; id: string }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ ...option, animation: false });
    const svg = chart.renderToSVGString();
    const names = new Map<string, string>();
    const counts = new Map<string, number>();
    return svg.replace(/\bzr\d+-([a-z]+-?)\d+\b/g, (token, kind: string) => {
      let name = names.get(token);
      if (name === undefined) {
        const n = counts.get(kind) ?? 0;
        counts.set(kind, n + 1);
        name = `${size.id}-${kind}${n}`;
        names.set(token, name);
      }
      return name;
    });
  } finally {
    chart.dispose();
  }
}
