// Stage distribution (donut) and stage trend (stacked area) option builders.
import type { StageCount, StageTrendDay } from '../../../../contract/overview.ts';
import { downsample } from './downsample.ts';
import { STAGES } from '../../../../contract/enums.ts';
import { STAGE_COLORS, TEXT_COLOR, gridFor, zoomFor, type ChartContext, type ChartOption, type ChartParts } from './common.ts';

/** The ECharts parts these charts draw with (see ChartParts). */
export const stageParts: ChartParts = () => import('./parts/stages.ts');

/** Donut of players per stage as of one day; stages missing from the answer count as 0. */
export function stageDistributionOption(counts: readonly Pick<StageCount, 'stage' | 'players'>[], { t, fmt }: ChartContext): ChartOption {
  const players = new Map(counts.map((c) => [c.stage, c.players]));
  return {
    tooltip: { trigger: 'item', valueFormatter: (v) => fmt.int(Number(v)) },
    legend: { bottom: 0, icon: 'circle', itemWidth: 10, itemHeight: 10, textStyle: { color: TEXT_COLOR } },
    series: [
      {
        type: 'pie',
        name: t('chart.stages'),
        radius: ['42%', '70%'],
        center: ['50%', '44%'],
        percentPrecision: 1,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        // Inside the ring: outside labels get clipped on phones. Tiny slices skip the label; the table has them.
        label: { position: 'inside', formatter: '{d}%', color: '#fff', fontSize: 11, fontWeight: 600 },
        minShowLabelAngle: 14,
        data: STAGES.map((stage) => ({
          name: t(`stage.${stage}`),
          value: players.get(stage) ?? 0,
          itemStyle: { color: STAGE_COLORS[stage] },
        })),
      },
    ],
  };
}

const total = (d: StageTrendDay) => STAGES.reduce((sum, stage) => sum + d[stage], 0);

/** Players per stage per day, stacked so the top edge is the whole live population. */
export function stageTrendOption(days: readonly StageTrendDay[], { t, fmt }: ChartContext): ChartOption {
  const rows = downsample(days, total);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmt.int(Number(v)) },
    legend: { top: 0, icon: 'circle', itemWidth: 10, itemHeight: 10, textStyle: { color: TEXT_COLOR } },
    grid: gridFor(rows.length),
    dataZoom: zoomFor(rows.length),
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: rows.map((d) => d.day),
      axisLabel: { color: TEXT_COLOR, formatter: (day: string) => fmt.shortDay(day) },
    },
    yAxis: {
      type: 'value',
      name: t('chart.players'),
      nameTextStyle: { color: TEXT_COLOR },
      axisLabel: { color: TEXT_COLOR, formatter: (v: number) => fmt.compact(v) },
    },
    series: STAGES.map((stage) => ({
      type: 'line',
      name: t(`stage.${stage}`),
      stack: 'stages',
      areaStyle: { opacity: 0.85 },
      lineStyle: { width: 1 },
      showSymbol: false,
      emphasis: { focus: 'series' },
      color: STAGE_COLORS[stage],
      data: rows.map((d) => d[stage]),
    })),
  };
}
