/**
 * Lifetime spend per paying player up to {asOf:Date}, on {server:String}
 * ('' = all servers). Columns: player_id, spend, paying_days, last_pay_day.
 * Only rollup rows that carry money can change any of them, so only those are grouped.
 */
export const PAYERS = `
  SELECT player_id, sum(revenue) AS spend, uniqExactIf(day, payments > 0) AS paying_days, maxIf(day, payments > 0) AS last_pay_day
  FROM player_daily
  WHERE day <= {asOf:Date} AND (payments > 0 OR revenue != 0) AND ({server:String} = '' OR server_id = {server:String})
  GROUP BY player_id
  HAVING spend > 0`;
