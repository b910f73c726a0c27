// A player's daily activity (sessions, bars) and spend (line) on a time axis, so idle gaps show as gaps.
import type { PlayerDay } from '../../../../contract/players.ts';
import { SERIES_COLORS, TEXT_COLOR, type ChartContext, type ChartOption, type ChartParts } from './common.ts';

/** The ECharts parts these charts draw with (see ChartParts). */
export const playerTimelineParts: ChartParts = () => import('./parts/playerTimeline.ts');

export function playerTimelineOption(days: readonly PlayerDay[], currency: string, { t, fmt }: ChartContext): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: TEXT_COLOR } },
    grid: { left: 8, right: 8, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis: {
      type: 'time',
      axisLabel: { color: TEXT_COLOR, hideOverlap: true, formatter: (v: number) => fmt.shortDay(new Date(v).toISOString().slice(0, 10)) },
    },
    yAxis: [
      { type: 'value', name: t('players.sessions'), minInterval: 1, nameTextStyle: { color: TEXT_COLOR }, axisLabel: { color: TEXT_COLOR } },
      {
        type: 'value',
        name: `${t('chart.revenue')} (${currency})`,
        nameTextStyle: { color: TEXT_COLOR },
        axisLabel: { color: TEXT_COLOR },
        splitLine: { show: false },
      },
    ],
    series: [
      { type: 'bar', name: t('players.sessions'), data: days.map((d) => [d.day, d.sessions]), itemStyle: { color: SERIES_COLORS.dau }, barMaxWidth: 8 },
      {
        type: 'line',
        name: t('chart.revenue'),
        yAxisIndex: 1,
        symbolSize: 7,
        lineStyle: { width: 0 }, // spend is on its days only; a line between payments would invent spend in between
        data: days.filter((d) => d.revenue !== '0').map((d) => [d.day, Number(d.revenue)]),
        itemStyle: { color: SERIES_COLORS.revenue },
        tooltip: { valueFormatter: (v) => fmt.money(String(v), currency) },
      },
    ],
  };
}
