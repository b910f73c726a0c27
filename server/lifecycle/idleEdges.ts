import type { Rules } from '../../contract/settings.ts';

/** Idle-day spans the back-test's return table always shows: a week, two, a month, two, three, half a year, a year. */
export const IDLE_EDGES = [7, 14, 30, 60, 90, 180, 365] as const;

/**
 * The edges of the return table: the fixed spans plus the lapsed and lost
 * thresholds of each set of rules compared, so a row starts exactly where
 * each rule does. Ascending, without repeats.
 */
export function idleEdges(rulesCompared: readonly (Rules | undefined)[]): number[] {
  const thresholds = rulesCompared.flatMap((r) => (r ? [Number(r.lapsed_idle_days), Number(r.lost_idle_days)] : []));
  const edges = new Set<number>(IDLE_EDGES);
  for (const t of thresholds) if (Number.isInteger(t) && t > 0) edges.add(t);
  return [...edges].sort((a, b) => a - b);
}
