// DAU (line, left axis) and revenue (bars, right axis) over days.
import type { DailyRow } from '../../../../contract/overview.ts';
import { downsample } from './downsample.ts';
import { SERIES_COLORS, TEXT_COLOR, gridFor, zoomFor, type ChartContext, type ChartOption, type ChartParts } from './common.ts';

/** The ECharts parts these charts draw with (see ChartParts). */
export const dauRevenueParts: ChartParts = () => import('./parts/dauRevenue.ts');

export function dauRevenueOption(daily: readonly DailyRow[], currency: string, { t, fmt }: ChartContext): ChartOption {
  const rows = downsample(daily, (d) => d.dau);
  const axisLabel = { color: TEXT_COLOR, formatter: (v: number) => fmt.compact(v) };
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: TEXT_COLOR } },
    grid: gridFor(rows.length),
    dataZoom: zoomFor(rows.length),
    xAxis: {
      type: 'category',
      data: rows.map((d) => d.day),
      axisLabel: { color: TEXT_COLOR, formatter: (day: string) => fmt.shortDay(day) },
    },
    yAxis: [
      { type: 'value', name: t('chart.dau'), nameTextStyle: { color: TEXT_COLOR }, axisLabel },
      {
        type: 'value',
        name: `${t('chart.revenue')} (${currency})`,
        nameTextStyle: { color: TEXT_COLOR },
        axisLabel,
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'line',
        name: t('chart.dau'),
        yAxisIndex: 0,
        color: SERIES_COLORS.dau,
        showSymbol: rows.length <= 45,
        lineStyle: { width: 2 },
        z: 3, // above the bars, whatever the series order
        data: rows.map((d) => d.dau),
        tooltip: { valueFormatter: (v) => fmt.int(Number(v)) },
      },
      {
        type: 'bar',
        name: t('chart.revenue'),
        yAxisIndex: 1,
        color: SERIES_COLORS.revenue,
        barMaxWidth: 16,
        // Bar heights need numbers; the tooltip shows the exact decimal string instead.
        data: rows.map((d) => Number(d.revenue)),
        tooltip: { valueFormatter: (_v, i) => fmt.money(rows[i].revenue, currency) },
      },
    ],
  };
}
