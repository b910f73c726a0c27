import { MONEY_ROW, PAYING_DAY, PAYING_DAYS } from '../metrics/activity.ts';

/**
 * Lifetime spend per paying player up to {asOf:Date}, on {server:String}
 * ('' = all servers). Columns: player_id, spend, paying_days, last_pay_day.
 * Only rollup rows that carry money can change any of them, so only those are grouped.
 */
export const PAYERS = `
  SELECT player_id, sum(revenue) AS spend, ${PAYING_DAYS} AS paying_days, maxIf(day, ${PAYING_DAY}) AS last_pay_day
  FROM player_daily
  WHERE day <= {asOf:Date} AND ${MONEY_ROW} AND ({server:String} = '' OR server_id = {server:String})
  GROUP BY player_id
  HAVING spend > 0`;
