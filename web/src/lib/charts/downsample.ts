// Keeps long day series cheap to draw: a chart never gets more than MAX_POINTS points.

export const MAX_POINTS = 2000;

/**
 * Largest-Triangle-Three-Buckets over evenly spaced points (x = index).
 * Returns `threshold` ascending indices, always including the first and last,
 * chosen so peaks and dips survive where plain striding would skip them.
 */
export function lttbIndices(values: readonly number[], threshold: number): number[] {
  const n = values.length;
  if (threshold >= n) return values.map((_, i) => i);
  if (threshold <= 2) return n === 0 ? [] : threshold <= 1 ? [0] : [0, n - 1];

  const picked = [0];
  const bucketSize = (n - 2) / (threshold - 2);
  let a = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    // Average of the next bucket is the third triangle corner.
    const nextStart = Math.floor((bucket + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += i;
      avgY += values[i];
    }
    avgX /= nextEnd - nextStart;
    avgY /= nextEnd - nextStart;

    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((a - avgX) * (values[i] - values[a]) - (a - i) * (avgY - values[a]));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    picked.push(best);
    a = best;
  }
  picked.push(n - 1);
  return picked;
}

/**
 * Picks whole rows by LTTB on one measure, so every series drawn from the rows
 * (stacked stages, DAU with revenue) stays aligned on the same days.
 */
export function downsample<T>(rows: readonly T[], measure: (row: T) => number, threshold = MAX_POINTS): T[] {
  if (rows.length <= threshold) return [...rows];
  return lttbIndices(rows.map(measure), threshold).map((i) => rows[i]);
}
