import { RATIO_SCALE, SCALE } from '../../money.ts';
import { TIER_TABLE } from '../../winback/rescueRules.ts';
import type { Params } from '../../db/query.ts';
import type { WinBackRate } from '../../../contract/winback.ts';

/**
 * The rescue decision of every member of an audience (server/winback/rescueRules.ts,
 * decideRescue) in SQL, so the summary, the count and the page's order come
 * from the engine without sending every declining player to the server. It
 * repeats decideRescue's integer arithmetic step for step (money in
 * ten-thousandths, the ratio in millionths rounded half up as Math.round,
 * half away from zero after the product), so it decides exactly as it does;
 * test/integration/stage-snapshot-readers.test.ts holds the two to each other.
 * The page's rows are then decided again by decideRescue itself, with the
 * reasons it words.
 *
 * Columns over `priced` (audienceSql.ts, pricedSql): every member column, and
 * p_win_back (Float64: the rate, or the rate x p_churn when it is assumed),
 * clv_u, val_u (value if kept), ret_u, cost_u (Int128 ten-thousandths),
 * reward_tier and decision.
 */
export function decidedSql(priced: { sql: string; params: Params }, rate: Pick<WinBackRate, 'rate' | 'source'>): { sql: string; params: Params } {
  const tiers = TIER_TABLE.slice(0, -1)
    .map((t) => `val_u >= base_u * ${t.minClvMultiple}, '${t.tier}'`)
    .join(', ');
  const last = TIER_TABLE[TIER_TABLE.length - 1]!;
  const costs = TIER_TABLE.slice(0, -1)
    .map((t) => `reward_tier = '${t.tier}', ${t.costMultiple}`)
    .join(', ');
  const sql = `SELECT *,
       multiIf(${tiers}, '${last.tier}') AS reward_tier,
       base_u * multiIf(${costs}, ${last.costMultiple}) AS cost_u,
       if(ret_u > cost_u, 'rescue', 'let_go') AS decision
FROM (
  SELECT *, sign(ret_n) * intDiv(abs(ret_n) + ${RATIO_SCALE / 2n}, ${RATIO_SCALE}) AS ret_u
  FROM (
    SELECT *, val_u * (toInt128(floor(ratio_x)) + toInt128(ratio_x - floor(ratio_x) >= 0.5)) AS ret_n
    FROM (
      SELECT *, if({measured:UInt8} = 1, {rate:Float64}, {rate:Float64} * p_churn) AS p_win_back, p_win_back * ${RATIO_SCALE} AS ratio_x,
             toInt128(toDecimal128(clv_value, 4) * ${SCALE}) AS clv_u, toInt128(toDecimal128(value_kept, 4) * ${SCALE}) AS val_u,
             toInt128(toDecimal128(cost_value, 4) * ${SCALE}) AS base_u
      FROM (${priced.sql})
    )
  )
)`;
  return { sql, params: { ...priced.params, rate: rate.rate, measured: rate.source === 'measured' ? 1 : 0 } };
}
