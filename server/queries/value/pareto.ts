import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';
import { PAYERS } from './valueSql.ts';

export interface ParetoSummary {
  payers: number;
  revenue: string;
  /** Revenue share (0..1, decimal string) of the top 1%, 5% and 20% of payers (at least one payer each). */
  top1: string;
  top5: string;
  top20: string;
}

const RANKED = `
  SELECT spend, row_number() OVER (ORDER BY spend DESC, player_id) AS rn,
         sum(spend) OVER (ORDER BY spend DESC, player_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
         count() OVER () AS n_payers, sum(spend) OVER () AS total_spend
  FROM (${PAYERS})`;

/** Exact revenue concentration among payers, in Decimal arithmetic. */
export async function paretoSummary(db: Db, q: { asOf: string; server: string }): Promise<ParetoSummary> {
  // Decimal division keeps the dividend's scale: widen it so the share keeps 6 exact places.
  const share = (p: number) => `toString(round(toDecimal128(sumIf(spend, rn <= ceil(n_payers * ${p})), 10) / nullIf(any(total_spend), 0), 6))`;
  const r = await one<ParetoSummary>(
    db,
    `SELECT any(n_payers) AS payers, toString(any(total_spend)) AS revenue, ${share(0.01)} AS top1, ${share(0.05)} AS top5, ${share(0.2)} AS top20
     FROM (${RANKED})`,
    q,
  );
  return r && Number(r.payers) > 0 ? r : { payers: 0, revenue: '0', top1: '0', top5: '0', top20: '0' };
}

/** The Pareto curve, at most about `points` points: cumulative payer share against cumulative revenue share (floats, for drawing only). */
export async function paretoCurve(db: Db, q: { asOf: string; server: string }, points: number): Promise<{ payerShare: number; revenueShare: number }[]> {
  return rows(
    db,
    `SELECT rn / n_payers AS payerShare, toFloat64(cum) / toFloat64(total_spend) AS revenueShare
     FROM (${RANKED})
     WHERE rn % greatest(1, intDiv(n_payers, {points:UInt32})) = 0 OR rn = n_payers OR rn = 1
     ORDER BY rn`,
    { ...q, points },
  );
}
