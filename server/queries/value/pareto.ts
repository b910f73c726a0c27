import type { ParetoPoint, ParetoSummary, ValueQuery } from '../../../contract/value.ts';
import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';
import { type StageSource, stagesOn } from '../stages/stagesOn.ts';
import { PAYERS } from './valueSql.ts';

/**
 * Every payer's lifetime spend on the day. Over all servers the day's stored
 * snapshot has it (its lifetime_spend is PAYERS' spend, summed from the same
 * rollup rows by the refresh after each ingest): one narrow read instead of
 * grouping the rollup's money rows again. A server's spend, or a day without a
 * snapshot, is grouped from the rollup.
 */
function payerSpend(q: ValueQuery, source: StageSource): string {
  return source === 'snapshot' && q.server === ''
    ? `SELECT player_id, lifetime_spend AS spend FROM ${stagesOn('snapshot', 'asOf')} WHERE lifetime_spend > 0`
    : PAYERS;
}

const ranked = (q: ValueQuery, source: StageSource) => `
  SELECT spend, row_number() OVER (ORDER BY spend DESC, player_id) AS rn,
         sum(spend) OVER (ORDER BY spend DESC, player_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
         count() OVER () AS n_payers, sum(spend) OVER () AS total_spend
  FROM (${payerSpend(q, source)})`;

/** The top shares reported, in whole percent of payers. */
const TOP_PERCENTS = { top1: 1, top5: 5, top20: 20 } as const;

/**
 * Revenue share of the top {pct}% of payers: ceil(n * pct / 100) payers in
 * integer arithmetic (a float product like 60 * 0.05 can land just above a
 * whole number and round up one payer too many). Decimal division keeps the
 * dividend's scale: widen it so the share keeps 6 exact places.
 */
const topShareSql = (param: keyof typeof TOP_PERCENTS) =>
  `toString(round(toDecimal128(sumIf(spend, rn <= intDiv(n_payers * {${param}:UInt8} + 99, 100)), 10) / nullIf(any(total_spend), 0), 6))`;

/** Exact revenue concentration among payers, in Decimal arithmetic. */
export async function paretoSummary(db: Db, q: ValueQuery, source: StageSource): Promise<ParetoSummary> {
  const r = await one<ParetoSummary>(
    db,
    `SELECT any(n_payers) AS payers, toString(any(total_spend)) AS lifetimeSpend,
            ${topShareSql('top1')} AS top1, ${topShareSql('top5')} AS top5, ${topShareSql('top20')} AS top20
     FROM (${ranked(q, source)})`,
    { ...q, ...TOP_PERCENTS },
  );
  return r && Number(r.payers) > 0 ? r : { payers: 0, lifetimeSpend: '0', top1: '0', top5: '0', top20: '0' };
}

/**
 * The Pareto curve in at most `points` + 2 points: cumulative payer share
 * against cumulative revenue share (floats, for drawing only). Every
 * ceil(n / points)-th payer is kept, plus the first (the top payer's share)
 * and the last.
 */
export async function paretoCurve(db: Db, q: ValueQuery, source: StageSource, points: number): Promise<ParetoPoint[]> {
  return rows(
    db,
    `SELECT rn / n_payers AS payerShare, toFloat64(cum) / toFloat64(total_spend) AS revenueShare
     FROM (${ranked(q, source)})
     WHERE rn % intDiv(n_payers + {points:UInt32} - 1, {points:UInt32}) = 0 OR rn = n_payers OR rn = 1
     ORDER BY rn`,
    { ...q, points },
  );
}
