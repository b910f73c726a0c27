/**
 * RFM segments of paying players. Recency (days since the last paying day;
 * recent scores high), frequency (paying days) and monetary (lifetime spend)
 * are each scored 1..5 by quintile among payers. The segment comes from the
 * R x F score grid widely used for RFM maps (ten named cells, each of the 25
 * (R, F) pairs in exactly one):
 *
 * |      | F 1            | F 2                 | F 3                 | F 4       | F 5       |
 * |------|----------------|---------------------|---------------------|-----------|-----------|
 * | R 5  | new            | potential loyalists | potential loyalists | champions | champions |
 * | R 4  | promising      | potential loyalists | potential loyalists | loyal     | loyal     |
 * | R 3  | about to sleep | about to sleep      | need attention      | loyal     | loyal     |
 * | R 2  | hibernating    | hibernating         | at risk             | at risk   | can't lose|
 * | R 1  | hibernating    | hibernating         | at risk             | at risk   | can't lose|
 *
 * M does not move a payer between cells; each segment reports its mean M so
 * the spend behind a segment shows beside its size.
 */
export interface RfmRule {
  segment: string;
  /** Inclusive score ranges. */
  r: [number, number];
  f: [number, number];
}

/** In display order, best first. */
export const RFM_RULES: readonly RfmRule[] = [
  { segment: 'champions', r: [5, 5], f: [4, 5] },
  { segment: 'loyal', r: [3, 4], f: [4, 5] },
  { segment: 'potential_loyalists', r: [4, 5], f: [2, 3] },
  { segment: 'new', r: [5, 5], f: [1, 1] },
  { segment: 'promising', r: [4, 4], f: [1, 1] },
  { segment: 'need_attention', r: [3, 3], f: [3, 3] },
  { segment: 'about_to_sleep', r: [3, 3], f: [1, 2] },
  { segment: 'at_risk', r: [1, 2], f: [3, 4] },
  { segment: 'cant_lose', r: [1, 2], f: [5, 5] },
  { segment: 'hibernating', r: [1, 2], f: [1, 2] },
];

export const RFM_SEGMENTS = RFM_RULES.map((r) => r.segment);

const inRange = (v: number, [lo, hi]: [number, number]) => v >= lo && v <= hi;

/** The segment of one payer's R and F scores (the same rules as server/queries/value/rfmSegmentSql.ts). */
export function rfmSegment(r: number, f: number): string {
  return RFM_RULES.find((rule) => inRange(r, rule.r) && inRange(f, rule.f))?.segment ?? 'other';
}
