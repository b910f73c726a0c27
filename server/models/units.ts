/** The models' time unit: the statistics are counted in days, the fits may run in weeks. */
import type { ModelUnit } from '../../contract/models.ts';
import type { BgNbdDayStats } from '../queries/models/sufficientStats.ts';
import type { BgNbdRow } from './bgnbd.ts';

/** Days per model time unit; weeks are 7 days, as in the published CDNOW results. */
export const DAYS_PER_UNIT: Record<ModelUnit, number> = { day: 1, week: 7 };

/** Converts day counts to the model's time unit, the row shape the BG/NBD fitter takes. */
export function toModelUnit(stats: readonly BgNbdDayStats[], unit: ModelUnit): BgNbdRow[] {
  const days = DAYS_PER_UNIT[unit];
  return stats.map((s) => ({ x: s.x, t_x: s.t_x_days / days, T: s.T_days / days, n: s.n }));
}
