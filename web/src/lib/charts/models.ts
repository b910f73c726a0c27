// Model charts and tables: the holdout check, sBG cohort projections and the Dwyer segment rows.
import type { Stage, ValueTier as Tier } from '../../../../contract/enums.ts';
import type { CohortProjection, ModelKind, ProjectionGrain, SegmentClv, TrustBucket } from '../../../../contract/models.ts';
import { STAGES, TEXT_COLOR, SERIES_COLORS, type ChartContext, type ChartOption, type ChartParts } from './common.ts';

/** The ECharts parts these charts draw with (see ChartParts). */
export const modelParts: ChartParts = () => import('./parts/models.ts');

const PREDICTED_COLOR = '#2563eb';

/** Per-player mean of a bucket, rounded for the chart; null (a gap) for a bucket without players. */
const perPlayer = (total: number, players: number) => (players > 0 ? Math.round((total / players) * 1000) / 1000 : null);

/**
 * Mean holdout transactions per player by calibration frequency (0..7+): actual as bars,
 * the model's expectation as a line, as in Fader, Hardie & Lee's conditional-expectation plot.
 * Per player rather than totals, so the small buckets stay readable beside the crowded 7+.
 */
export function trustOption(buckets: readonly TrustBucket[], kind: ModelKind, { t, fmt }: ChartContext): ChartOption {
  const fitted = buckets.some((b) => b.predicted !== null);
  const valueFormatter = (v: unknown) => (typeof v === 'number' ? fmt.sig(v) : '–');
  return {
    tooltip: { trigger: 'axis', valueFormatter },
    legend: { top: 0, textStyle: { color: TEXT_COLOR } },
    grid: { left: 8, right: 16, top: 44, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis: {
      type: 'category',
      data: buckets.map((b) => b.label),
      name: t(`models.trust.axisX.${kind}`),
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { color: TEXT_COLOR },
    },
    yAxis: { type: 'value', name: t(`models.trust.axisY.${kind}`), nameTextStyle: { color: TEXT_COLOR, align: 'left' }, axisLabel: { color: TEXT_COLOR } },
    series: [
      {
        type: 'bar',
        name: t('models.trust.actual'),
        barMaxWidth: 36,
        itemStyle: { color: SERIES_COLORS.dau },
        data: buckets.map((b) => perPlayer(b.actual, b.players)),
      },
      ...(fitted
        ? [
            {
              type: 'line' as const,
              name: t('models.trust.predicted'),
              symbolSize: 7,
              lineStyle: { width: 2 },
              itemStyle: { color: PREDICTED_COLOR },
              data: buckets.map((b) => (b.predicted === null ? null : perPlayer(b.predicted, b.players))),
            },
          ]
        : []),
    ],
  };
}

export interface TrustReading {
  predicted: number;
  actual: number;
  /** (predicted - actual) / actual: above 0 the model expects too much. */
  error: number;
  /** The bucket whose per-player expectation is furthest from what its players did. */
  worst: { label: string; predicted: number; actual: number };
  verdict: 'close' | 'fair' | 'poor';
}

/** Within 10% in total reads as close, within 25% as fair; a model further off still ranks players but miscounts. */
const VERDICTS = [
  [0.1, 'close'],
  [0.25, 'fair'],
] as const;

/** The numbers behind the plain-language reading of a holdout check; null when there is no usable fit or no actual transaction. */
export function trustReading(buckets: readonly TrustBucket[]): TrustReading | null {
  const used = buckets.filter((b) => b.players > 0);
  if (used.length === 0 || used.some((b) => b.predicted === null)) return null;
  const predicted = used.reduce((s, b) => s + b.predicted!, 0);
  const actual = used.reduce((s, b) => s + b.actual, 0);
  if (actual === 0) return null;
  const gap = (b: TrustBucket) => Math.abs(b.predicted! - b.actual) / b.players;
  const worst = used.reduce((w, b) => (gap(b) > gap(w) ? b : w));
  const error = (predicted - actual) / actual;
  const verdict = VERDICTS.find(([limit]) => Math.abs(error) < limit)?.[1] ?? 'poor';
  return {
    predicted,
    actual,
    error,
    worst: { label: worst.label, predicted: worst.predicted! / worst.players, actual: worst.actual / worst.players },
    verdict,
  };
}

/** Cohort lines drawn at most: the most recent ones; more would make the legend and colours unreadable. */
export const MAX_COHORT_LINES = 8;
const COHORT_COLORS = ['#2563eb', '#22a06b', '#f07c1f', '#8b5cf6', '#db2777', '#0891b2', '#ca8a04', '#475569'];

export const projectionPeriodLabel = (grain: ProjectionGrain, n: number) => `${grain === 'week' ? 'W' : 'M'}${n}`;

export function cohortLabel(c: { cohort: string; size: number }, grain: ProjectionGrain, { t, fmt }: ChartContext): string {
  return grain === 'week'
    ? t('models.cohorts.week', { day: fmt.shortDay(c.cohort), size: fmt.int(c.size) })
    : t('models.cohorts.month', { month: fmt.month(c.cohort), size: fmt.int(c.size) });
}

const pct = (share: number) => Math.round(share * 1000) / 10;

/**
 * Share of each cohort still there at the end of period n: what happened (solid, the complete periods)
 * and the sBG projection to the horizon (dashed, same colour). Both series of a cohort share its legend
 * name, so one legend click hides the pair.
 */
export function cohortProjectionOption(cohorts: readonly CohortProjection[], grain: ProjectionGrain, horizon: number, ctx: ChartContext): ChartOption {
  const shown = cohorts.slice(-MAX_COHORT_LINES);
  const periods = Math.max(horizon + 1, ...shown.map((c) => c.survivors.length));
  const { t } = ctx;
  const names = shown.map((c) => cohortLabel(c, grain, ctx));
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = params as { seriesIndex: number; value: number | null; axisValue: string }[];
        const lines = shown.map((_, i) => {
          const at = (k: number) => list.find((p) => p.seriesIndex === k)?.value;
          const observed = at(2 * i);
          const projected = at(2 * i + 1);
          const parts = [
            typeof observed === 'number' ? t('models.cohorts.tipObserved', { pct: observed.toFixed(1) }) : null,
            typeof projected === 'number' ? t('models.cohorts.tipProjected', { pct: projected.toFixed(1) }) : null,
          ].filter(Boolean);
          return parts.length ? `${names[i]}: ${parts.join(', ')}` : null;
        });
        return [list[0]?.axisValue ?? '', ...lines.filter(Boolean)].join('<br>');
      },
    },
    legend: { top: 0, type: 'scroll', textStyle: { color: TEXT_COLOR } },
    grid: { left: 8, right: 16, top: 44, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: Array.from({ length: periods }, (_, n) => projectionPeriodLabel(grain, n)),
      axisLabel: { color: TEXT_COLOR },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: t('models.cohorts.axisY'),
      nameTextStyle: { color: TEXT_COLOR, align: 'left' },
      axisLabel: { color: TEXT_COLOR, formatter: '{value}%' },
    },
    series: shown.flatMap((c, i) => {
      const color = COHORT_COLORS[i % COHORT_COLORS.length];
      return [
        { type: 'line' as const, name: names[i], itemStyle: { color }, lineStyle: { width: 2 }, symbolSize: 6, data: c.observed.map(pct) },
        {
          type: 'line' as const,
          name: names[i],
          itemStyle: { color },
          lineStyle: { width: 1.5, type: 'dashed' as const },
          showSymbol: false,
          data: (c.projected ?? []).map(pct),
        },
      ];
    }),
  };
}

const TIERS: readonly Tier[] = ['whale', 'dolphin', 'minnow', 'non_payer'];

/** Segments grouped by stage in lifecycle order, each stage's tiers from the most valuable down; stages without a segment are left out. */
export function segmentGroups(segments: readonly SegmentClv[]): { stage: Stage; rows: SegmentClv[] }[] {
  return STAGES.map((stage) => ({
    stage,
    rows: segments.filter((s) => s.stage === stage).sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier)),
  })).filter((g) => g.rows.length > 0);
}
