// Stage flows between two days (new, the four stages, lost): colours, labels, the from x to matrix.
import { FROM_KEYS, TO_KEYS, type FlowKey } from '../../../../contract/enums.ts';
import type { TransitionFlow } from '../../../../contract/lifecycle.ts';
import { STAGE_COLORS, type ChartContext } from './common.ts';

export const FLOW_COLORS: Record<FlowKey, string> = { ...STAGE_COLORS, new: '#94a3b8', lost: '#475569' };

export function flowKeyLabel(key: FlowKey, t: ChartContext['t']): string {
  return key === 'new' ? t('lifecycle.new') : key === 'lost' ? t('lifecycle.lost') : t(`stage.${key}`);
}

export interface MatrixCell {
  players: number;
  lifetimeSpend: string;
}

/**
 * Rows: the earlier day's stages that hold players. Columns: every stage of the
 * later day and Lost, even when empty, so the Lost column always stands beside
 * the four stages. Each cell's flow, or null.
 */
export function transitionMatrix(flows: readonly Pick<TransitionFlow, 'from' | 'to' | 'players' | 'lifetimeSpend'>[]): {
  rows: FlowKey[];
  cols: FlowKey[];
  cell: (from: FlowKey, to: FlowKey) => MatrixCell | null;
} {
  const byPair = new Map(flows.map((f) => [`${f.from}>${f.to}`, { players: f.players, lifetimeSpend: f.lifetimeSpend }]));
  return {
    rows: FROM_KEYS.filter((k) => flows.some((f) => f.from === k)),
    cols: [...TO_KEYS],
    cell: (from, to) => byPair.get(`${from}>${to}`) ?? null,
  };
}

/** Players per stage on the later day (every flow ends somewhere). */
export function playersOnLaterDay(flows: readonly TransitionFlow[]): Record<FlowKey, number> {
  const out = Object.fromEntries(FROM_KEYS.map((k) => [k, 0])) as Record<FlowKey, number>;
  for (const f of flows) out[f.to] += f.players;
  return out;
}
