/**
 * RFM segments of paying players. Each of recency (days since the last paying
 * day; recent scores high), frequency (paying days) and monetary (lifetime
 * spend) is scored 1..5 by quintile among payers; a segment is the first rule
 * that matches, in this order, following the usual R x F segment grid.
 */
export interface RfmRule {
  segment: string;
  /** Inclusive score ranges; absent = any score. */
  r?: [number, number];
  f?: [number, number];
  m?: [number, number];
}

export const RFM_RULES: readonly RfmRule[] = [
  { segment: 'champions', r: [4, 5], f: [4, 5] },
  { segment: 'cant_lose', r: [1, 2], f: [4, 5], m: [4, 5] },
  { segment: 'loyal', r: [3, 5], f: [3, 5] },
  { segment: 'at_risk', r: [1, 2], f: [3, 5] },
  { segment: 'new', r: [4, 5], f: [1, 1] },
  { segment: 'potential', r: [3, 5], f: [1, 2] },
  { segment: 'hibernating', r: [2, 2], f: [1, 2] },
  { segment: 'lost', r: [1, 1], f: [1, 2] },
];

export const RFM_SEGMENTS = RFM_RULES.map((r) => r.segment);

/** The segment of one player's scores (the same rules as the SQL below). */
export function rfmSegment(r: number, f: number, m: number): string {
  const inRange = (v: number, range?: [number, number]) => !range || (v >= range[0] && v <= range[1]);
  return RFM_RULES.find((rule) => inRange(r, rule.r) && inRange(f, rule.f) && inRange(m, rule.m))?.segment ?? 'other';
}

/** The rules as one SQL expression over columns r, f, m (numbers and names come from the fixed list above). */
export function rfmSegmentSql(): string {
  const cond = (col: string, range?: [number, number]) => (range ? `${col} BETWEEN ${range[0]} AND ${range[1]}` : '1');
  const arms = RFM_RULES.map((rule) => `${cond('r', rule.r)} AND ${cond('f', rule.f)} AND ${cond('m', rule.m)}, '${rule.segment}'`);
  return `multiIf(${arms.join(', ')}, 'other')`;
}
