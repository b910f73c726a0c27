import { RFM_RULES } from '../../value/rfm.ts';

/** The RFM rules as one SQL expression over score columns r and f (numbers and names come from the fixed list in server/value/rfm.ts). */
export function rfmSegmentSql(): string {
  const arms = RFM_RULES.map((rule) => `r BETWEEN ${rule.r[0]} AND ${rule.r[1]} AND f BETWEEN ${rule.f[0]} AND ${rule.f[1]}, '${rule.segment}'`);
  return `multiIf(${arms.join(', ')}, 'other')`;
}
