// Value charts: the Pareto curve of revenue over payers, and players per RFM segment.
import type { RfmSegmentRow } from '../../../../contract/value.ts';
import { TEXT_COLOR, SERIES_COLORS, type ChartContext, type ChartOption, type ChartParts } from './common.ts';

/** The ECharts parts these charts draw with (see ChartParts). */
export const valueParts: ChartParts = () => import('./parts/value.ts');

/** Cumulative revenue share against cumulative payer share (both in %), with the equal-spend diagonal for reference. */
export function paretoOption(curve: readonly { payerShare: number; revenueShare: number }[], { t }: ChartContext): ChartOption {
  const pct = (v: number) => Math.round(v * 1000) / 10;
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
    legend: { top: 0, textStyle: { color: TEXT_COLOR } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: t('value.payerShare'),
      nameLocation: 'middle',
      nameGap: 24,
      axisLabel: { color: TEXT_COLOR, formatter: '{value}%' },
    },
    yAxis: { type: 'value', min: 0, max: 100, name: t('value.revenueShare'), axisLabel: { color: TEXT_COLOR, formatter: '{value}%' } },
    series: [
      {
        type: 'line',
        name: t('value.pareto'),
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
        itemStyle: { color: SERIES_COLORS.revenue },
        data: [[0, 0], ...curve.map((p) => [pct(p.payerShare), pct(p.revenueShare)])],
      },
      {
        type: 'line',
        name: t('value.equal'),
        showSymbol: false,
        lineStyle: { type: 'dashed', width: 1 },
        itemStyle: { color: '#94a3b8' },
        data: [
          [0, 0],
          [100, 100],
        ],
      },
    ],
  };
}

/** Every RFM segment in rule order, the ones without payers as zero rows, for the chart and the table alike. */
export function rfmRows(segments: readonly RfmSegmentRow[], order: readonly string[]): RfmSegmentRow[] {
  return order.map((s) => segments.find((x) => x.segment === s) ?? { segment: s, players: 0, lifetimeSpend: '0', avgMonetary: 0 });
}

/** Payers per RFM segment (bars), in the order of the segment rules. */
export function rfmOption(segments: readonly RfmSegmentRow[], order: readonly string[], currency: string, { t, fmt }: ChartContext): ChartOption {
  const rows = rfmRows(segments, order);
  const label = (s: string) => t(`rfm.${s}` as Parameters<typeof t>[0]);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const row = rows[(p as { dataIndex: number }).dataIndex];
        return t('value.rfmTip', { segment: label(row.segment), players: fmt.int(row.players), revenue: fmt.money(row.lifetimeSpend, currency) });
      },
    },
    grid: { left: 8, right: 16, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT_COLOR } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => label(r.segment)), axisLabel: { color: TEXT_COLOR } },
    series: [
      {
        type: 'bar',
        name: t('value.rfm'),
        data: rows.map((r) => r.players),
        itemStyle: { color: SERIES_COLORS.dau },
        label: { show: true, position: 'right', color: TEXT_COLOR },
      },
    ],
  };
}
