// The launch detail's chart: where each group stands at the window's end, as shares of the group.
import type { LaunchGroup, LaunchTransition } from '../../../../contract/launches.ts';
import type { Stage } from '../../../../contract/enums.ts';
import { STAGE_COLORS, STAGES, TEXT_COLOR, type ChartContext, type ChartOption, type ChartParts } from './common.ts';

/** The ECharts parts these charts draw with (see ChartParts). */
export const launchParts: ChartParts = () => import('./parts/launches.ts');

/** End states in lifecycle order, then the exits. */
export const END_STATES = [...STAGES, 'lost', 'unknown'] as const;
export type EndState = (typeof END_STATES)[number];

const GROUP_COLORS: Record<LaunchGroup, string> = { treatment: '#2563eb', holdout: '#94a3b8' };

export const endStateLabel = (s: string, t: ChartContext['t']) =>
  (STAGES as readonly string[]).includes(s) ? t(`stage.${s as Stage}`) : s === 'lost' ? t('launches.stage.lost') : t('launches.stage.unknown');

/**
 * Share of each group in each end state (0..1), over the states anybody is
 * in. Shares rather than counts: the holdout is a fraction of the treatment's
 * size, and what compares is how each group spread out.
 */
export function endStateShares(transitions: readonly LaunchTransition[]): { states: EndState[]; shares: Record<LaunchGroup, number[]> } {
  const totals: Record<LaunchGroup, number> = { treatment: 0, holdout: 0 };
  const byState = new Map<string, Record<LaunchGroup, number>>();
  for (const tr of transitions) {
    totals[tr.group] += tr.players;
    const cell = byState.get(tr.to) ?? { treatment: 0, holdout: 0 };
    cell[tr.group] += tr.players;
    byState.set(tr.to, cell);
  }
  const states = END_STATES.filter((s) => byState.has(s));
  const share = (g: LaunchGroup) => states.map((s) => (totals[g] ? byState.get(s)![g] / totals[g] : 0));
  return { states, shares: { treatment: share('treatment'), holdout: share('holdout') } };
}

export function endStateOption(transitions: readonly LaunchTransition[], { t, fmt }: ChartContext): ChartOption {
  const { states, shares } = endStateShares(transitions);
  const valueFormatter = (v: unknown) => (typeof v === 'number' ? fmt.percent(v) : '–');
  return {
    tooltip: { trigger: 'axis', valueFormatter },
    legend: { top: 0, textStyle: { color: TEXT_COLOR } },
    grid: { left: 8, right: 16, top: 44, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis: {
      type: 'category',
      data: states.map((s) => endStateLabel(s, t)),
      axisLabel: { color: TEXT_COLOR },
    },
    yAxis: {
      type: 'value',
      max: 1,
      name: t('launches.share'),
      nameTextStyle: { color: TEXT_COLOR, align: 'left' },
      axisLabel: { color: TEXT_COLOR, formatter: (v: number) => fmt.percent(v) },
    },
    series: (['treatment', 'holdout'] as const).map((g) => ({
      type: 'bar' as const,
      name: t(`launches.${g}`),
      barMaxWidth: 32,
      itemStyle: { color: GROUP_COLORS[g] },
      data: shares[g],
    })),
  };
}

/** The stage colour of an end state (grey for the exits), for the table beside the chart. */
export const endStateColor = (s: string) => ((STAGES as readonly string[]).includes(s) ? STAGE_COLORS[s as Stage] : '#9ca3af');

/** A difference of two rates as signed percentage points ("+12.5 pts"). */
export function pointsText(difference: number, { t, fmt }: ChartContext): string {
  const pts = Math.round(difference * 1000) / 10;
  return t('launches.pp', { value: `${pts > 0 ? '+' : ''}${fmt.decimal(pts)}` });
}

/**
 * A statistic's money figure (a float: a mean or an interval end) as money,
 * rounded to cents first so the formatter gets a plain decimal string.
 */
export const floatMoney = (v: number, currency: string, { fmt }: ChartContext): string => fmt.money((Math.round(v * 100) / 100).toFixed(2), currency);

/** An interval as "[low, high]" with each end formatted; a dash when there is none. */
export const intervalText = (ci: { low: number; high: number } | null, one: (v: number) => string): string => (ci ? `[${one(ci.low)}, ${one(ci.high)}]` : '–');
