import { BarChart, HeatmapChart, LineChart, PieChart, SankeyChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { describe, expect, it } from 'vitest';
import type { TransitionFlow } from '../../contract/lifecycle.ts';
import type { CohortProjection, TrustBucket } from '../../contract/models.ts';
import { cohortParts, ltvHeatmapOption, retentionCurvesOption, retentionHeatmapOption } from '../../web/src/lib/charts/cohorts.ts';
import type { ChartContext, ChartOption, ChartParts } from '../../web/src/lib/charts/common.ts';
import { dauRevenueOption, dauRevenueParts } from '../../web/src/lib/charts/dauRevenue.ts';
import { endStateOption, launchParts } from '../../web/src/lib/charts/launches.ts';
import { cohortProjectionOption, modelParts, trustOption } from '../../web/src/lib/charts/models.ts';
import { playerTimelineOption, playerTimelineParts } from '../../web/src/lib/charts/playerTimeline.ts';
import { stageDistributionOption, stageParts, stageTrendOption } from '../../web/src/lib/charts/stages.ts';
import { transitionParts, transitionSankeyOption } from '../../web/src/lib/charts/transitions.ts';
import { paretoOption, rfmOption, valueParts } from '../../web/src/lib/charts/value.ts';
import { plannerOption, winbackParts } from '../../web/src/lib/charts/winback.ts';
import { formatter } from '../../web/src/lib/format.ts';
import { translate } from '../../web/src/lib/i18n.ts';

/**
 * Every chart builder declares the ECharts parts it draws with (charts/parts),
 * and a page loads only those: a series type or component an option uses but
 * its builder does not declare would silently not be drawn. This reads what
 * each option needs from the option itself and checks the declaration covers it.
 */
const ctx: ChartContext = { t: (key, vars) => translate('en', key, vars), fmt: formatter('en') };

const SERIES = { line: LineChart, bar: BarChart, pie: PieChart, heatmap: HeatmapChart, sankey: SankeyChart } as const;
/** Top-level option keys and the component each needs (null: part of the core or of the series). */
const KEYS: Record<string, unknown> = {
  series: null,
  xAxis: GridComponent,
  yAxis: GridComponent,
  grid: GridComponent,
  tooltip: TooltipComponent,
  legend: LegendComponent,
  dataZoom: DataZoomComponent,
  visualMap: VisualMapComponent,
  title: TitleComponent,
};

type Loose = Record<string, unknown>;
const list = (v: unknown): Loose[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as Loose[];

/** The parts an option draws with, read from its series types and top-level keys. */
function needs(option: ChartOption): unknown[] {
  const out = new Set<unknown>();
  for (const [key, value] of Object.entries(option)) {
    if (!(key in KEYS)) throw new Error(`option key ${key}: say in this test which ECharts part it needs`);
    if (KEYS[key] && list(value).length > 0) out.add(KEYS[key]);
  }
  for (const s of list(option.series)) {
    const part = SERIES[s.type as keyof typeof SERIES];
    if (!part) throw new Error(`series type ${String(s.type)}: add its chart to this test`);
    out.add(part);
  }
  return [...out];
}

const days = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
const bucket = (b: number): TrustBucket => ({ bucket: b, label: String(b), players: 10, predicted: 5, actual: 4 });
const cohort: CohortProjection = {
  cohort: '2026-01-05',
  size: 100,
  survivors: [100, 50],
  observed: [1, 0.5],
  status: 'ok',
  message: 'converged',
  note: { code: 'converged', values: {} },
  params: { alpha: 1, beta: 2 },
  logLikelihood: -10,
  projected: [1, 0.5, 0.3],
};
const flow: TransitionFlow = { from: 'growth', to: 'stable', players: 3, lifetimeSpend: '1.0000', recentSpend: '0.5000' };

// Inputs long enough to switch on every optional part (the zoom slider from 93 days on).
const CASES: [string, ChartParts, ChartOption][] = [
  ['stage distribution', stageParts, stageDistributionOption([{ stage: 'growth', players: 3 }], ctx)],
  [
    'stage trend',
    stageParts,
    stageTrendOption(
      days(120).map((day) => ({ day, exploration: 1, growth: 2, stable: 3, decline: 4 })),
      ctx,
    ),
  ],
  [
    'DAU and revenue',
    dauRevenueParts,
    dauRevenueOption(
      days(120).map((day) => ({ day, dau: 5, newPlayers: 1, payers: 1, revenue: '2.0000' })),
      'USD',
      ctx,
    ),
  ],
  [
    'retention heatmap',
    cohortParts,
    retentionHeatmapOption([{ cohort: '2026-01-01', size: 2, players: [2, 1], rates: [1, 0.5], partialPeriod: 1 }], 'day', 2, ctx),
  ],
  [
    'retention curves',
    cohortParts,
    retentionCurvesOption([{ cohort: '2026-01-01', size: 2, players: [2, 1], rates: [1, 0.5], partialPeriod: 1 }], [1, null], 'day', 2, ctx),
  ],
  ['LTV heatmap', cohortParts, ltvHeatmapOption([{ cohort: '2026-01-01', size: 2, ltv: ['1.0000', '2.0000'], partialPeriod: null }], 'day', 2, 'USD', ctx)],
  ['launch end states', launchParts, endStateOption([], ctx)],
  ['model trust', modelParts, trustOption([0, 1, 2, 3, 4, 5, 6, 7].map(bucket), 'engagement', ctx)],
  ['cohort projection', modelParts, cohortProjectionOption([cohort], 'week', 2, ctx)],
  [
    'player timeline',
    playerTimelineParts,
    playerTimelineOption([{ day: '2026-01-01', sessions: 2, playtimeS: 60, payments: 1, revenue: '1.0000' }], 'USD', ctx),
  ],
  ['transitions Sankey', transitionParts, transitionSankeyOption([flow], 'USD', ctx)],
  ['value Pareto', valueParts, paretoOption([{ payerShare: 10, revenueShare: 50 }], ctx)],
  ['value RFM', valueParts, rfmOption([{ segment: 'champions', players: 2, lifetimeSpend: '33', avgMonetary: 3.5 }], ['champions'], 'USD', ctx)],
  ['win-back planner', winbackParts, plannerOption([{ serverId: 's01', leaving: 1, lapsed: 2, expectedReturning: 0.5, recommendation: 'open' }], ctx)],
];

describe('chart parts', () => {
  it.each(CASES)('%s: its builder declares every part the option draws with', async (_name, parts, option) => {
    const declared = (await parts()).default;
    const missing = needs(option).filter((p) => !declared.includes(p as never));
    expect(missing).toEqual([]);
    expect(option.series).toBeDefined();
  });
});
