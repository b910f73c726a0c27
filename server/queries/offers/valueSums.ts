import type { AudienceValue } from '../../../contract/offers.ts';

/** An AudienceValue from the columns valueSumsSql (audienceSql.ts) names with `suffix`; absent sums are zero. */
export function valueOfRow(r: Record<string, unknown>, suffix = ''): AudienceValue {
  const text = (k: string) => String(r[`${k}${suffix}`] ?? '0');
  return {
    payers: Number(r[`payers${suffix}`] ?? 0),
    churnScored: Number(r[`scored_count${suffix}`] ?? 0),
    churnSum: Number(r[`churn_sum${suffix}`] ?? 0),
    valueIfKept: text('kept_sum'),
    nonPayerValue: text('non_payer_sum'),
    valueAtRisk: text('at_risk_sum'),
  };
}
