// Stage transitions between two days: the Sankey option (the flow keys' colours, labels and matrix are in flows.ts,
// so pages that show only the matrix do not load the Sankey).
import { FROM_KEYS, TO_KEYS, type FlowKey } from '../../../../contract/enums.ts';
import type { TransitionFlow } from '../../../../contract/lifecycle.ts';
import { TEXT_COLOR, type ChartContext, type ChartOption, type ChartParts } from './common.ts';
import { FLOW_COLORS, flowKeyLabel } from './flows.ts';

/** The ECharts parts these charts draw with (see ChartParts). */
export const transitionParts: ChartParts = () => import('./parts/transitions.ts');

// Node names must be unique per side: a stage appears once as a source and once as a target.
const fromNode = (k: FlowKey) => `from:${k}`;
const toNode = (k: FlowKey) => `to:${k}`;
const keyOf = (node: string) => node.slice(node.indexOf(':') + 1) as FlowKey;

export interface SankeyLink {
  source: string;
  target: string;
  value: number;
  lifetimeSpend: string;
}

/** Sankey of players from the earlier day's stage (left) to the later day's (right); clicking a link selects its flow. */
export function transitionSankeyOption(flows: readonly TransitionFlow[], currency: string, { t, fmt }: ChartContext): ChartOption {
  const used = flows.filter((f) => f.players > 0);
  const fromKeys = FROM_KEYS.filter((k) => used.some((f) => f.from === k));
  const toKeys = TO_KEYS.filter((k) => used.some((f) => f.to === k));
  const links: SankeyLink[] = used.map((f) => ({ source: fromNode(f.from), target: toNode(f.to), value: f.players, lifetimeSpend: f.lifetimeSpend }));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { dataType, data, value } = p as { dataType: string; data: SankeyLink | { name: string }; value: number };
        if (dataType === 'edge') {
          const l = data as SankeyLink;
          return t('lifecycle.flowTip', {
            from: flowKeyLabel(keyOf(l.source), t),
            to: flowKeyLabel(keyOf(l.target), t),
            players: fmt.int(l.value),
            revenue: fmt.money(l.lifetimeSpend, currency),
          });
        }
        return `${flowKeyLabel(keyOf((data as { name: string }).name), t)}: ${fmt.int(value)}`;
      },
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 110,
        top: 8,
        bottom: 8,
        nodeGap: 12,
        layoutIterations: 0, // keep the lifecycle order top to bottom on both sides
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
        label: {
          color: TEXT_COLOR,
          formatter: (p: unknown) => {
            const { name, value } = p as { name: string; value: number };
            return `${flowKeyLabel(keyOf(name), t)} ${fmt.int(value)}`;
          },
        },
        data: [
          ...fromKeys.map((k) => ({ name: fromNode(k), depth: 0, itemStyle: { color: FLOW_COLORS[k] } })),
          ...toKeys.map((k) => ({ name: toNode(k), depth: 1, itemStyle: { color: FLOW_COLORS[k] } })),
        ],
        links,
      },
    ],
  };
}

/** The flow a clicked Sankey link stands for, or null for a click on a node. */
export function flowOfClick(params: { dataType?: string; data?: unknown }): { from: FlowKey; to: FlowKey } | null {
  if (params.dataType !== 'edge') return null;
  const l = params.data as SankeyLink;
  return { from: keyOf(l.source), to: keyOf(l.target) };
}
