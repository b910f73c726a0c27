// New-server planner chart: per server, the declining base by status (stacked) and the players a new server is expected to bring back.
import type { ServerPlan } from '../../../../contract/winback.ts';
import { STAGE_COLORS, TEXT_COLOR, type ChartContext, type ChartOption, type ChartParts } from './common.ts';

/** The ECharts parts these charts draw with (see ChartParts). */
export const winbackParts: ChartParts = () => import('./parts/winback.ts');

const LAPSED_COLOR = '#b45309';
const RETURNING_COLOR = '#22a06b';

/** Bars: leaving and lapsed players stacked per server; beside them, the expected returning players (rounded to 0.1). */
export function plannerOption(
  servers: readonly Pick<ServerPlan, 'serverId' | 'leaving' | 'lapsed' | 'expectedReturning' | 'recommendation'>[],
  { t, fmt }: ChartContext,
): ChartOption {
  const tenth = (v: number) => Math.round(v * 10) / 10;
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (params as { dataIndex: number }[])[0];
        const s = servers[first?.dataIndex ?? 0];
        if (!s) return '';
        return t('winback.chartTip', {
          server: s.serverId,
          leaving: fmt.int(s.leaving),
          lapsed: fmt.int(s.lapsed),
          returning: fmt.decimal(s.expectedReturning),
          recommendation: t(`winback.rec.${s.recommendation}`),
        });
      },
    },
    legend: { top: 0, textStyle: { color: TEXT_COLOR } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis: { type: 'category', data: servers.map((s) => s.serverId), axisLabel: { color: TEXT_COLOR } },
    yAxis: { type: 'value', minInterval: 1, name: t('winback.players'), axisLabel: { color: TEXT_COLOR } },
    series: [
      { type: 'bar', name: t('winback.status.leaving'), stack: 'base', itemStyle: { color: STAGE_COLORS.decline }, data: servers.map((s) => s.leaving) },
      { type: 'bar', name: t('winback.status.lapsed'), stack: 'base', itemStyle: { color: LAPSED_COLOR }, data: servers.map((s) => s.lapsed) },
      {
        type: 'bar',
        name: t('winback.expectedReturning'),
        itemStyle: { color: RETURNING_COLOR },
        label: { show: true, position: 'top', color: TEXT_COLOR },
        data: servers.map((s) => tenth(s.expectedReturning)),
      },
    ],
  };
}
