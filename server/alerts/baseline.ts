/**
 * The robust baseline of the band rules, on decimal text (counts and money
 * alike, never through a float): the median of the history, its median
 * absolute deviation (MAD), and the band median ± max(k × MAD, minDrop% of
 * the median). The MAD ignores the odd holiday or outage that would drag a
 * mean and a standard deviation; the floor keeps a flat history (MAD 0) from
 * alerting on any small dip. Amounts keep 4 places, like the tables.
 */
import { fromUnits, scaleMoney, toUnits } from '../money.ts';

/** The middle value; the mean of the two middle ones for an even count (rounded half away from zero to 4 places). */
export function median(values: readonly string[]): string {
  if (values.length === 0) throw new RangeError('the median of no values');
  const sorted = values.map(toUnits).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return fromUnits(sorted[mid]);
  return scaleMoney(fromUnits(sorted[mid - 1] + sorted[mid]), 0.5);
}

/** The median absolute deviation from the median (unscaled). */
export function mad(values: readonly string[]): string {
  const m = toUnits(median(values));
  return median(values.map((v) => fromUnits(abs(toUnits(v) - m))));
}

const abs = (n: bigint) => (n < 0n ? -n : n);

export interface Band {
  median: string;
  mad: string;
  low: string;
  high: string;
}

/**
 * median ± max(k × MAD, minDropPercent % of |median|), all to 4 places. A history
 * that never went below 0 (players, most revenue) keeps the low edge at 0: a
 * negative expected count reads as nonsense and can never be crossed anyway.
 */
export function band(history: readonly string[], k: number, minDropPercent: number): Band {
  const m = median(history);
  const d = mad(history);
  const spread = toUnits(scaleMoney(d, k));
  const floor = abs(toUnits(scaleMoney(m, minDropPercent / 100)));
  const width = spread > floor ? spread : floor;
  const low = toUnits(m) - width;
  const floorAtZero = history.every((v) => toUnits(v) >= 0n) && low < 0n;
  return { median: m, mad: d, low: fromUnits(floorAtZero ? 0n : low), high: fromUnits(toUnits(m) + width) };
}

/** Whether `value` lies below the band's low edge. */
export const belowBand = (value: string, b: Pick<Band, 'low'>): boolean => toUnits(value) < toUnits(b.low);
