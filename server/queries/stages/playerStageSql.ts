import { THRESHOLDS } from '../../lifecycle/rules.ts';
import { ACTIVE_DAY, ACTIVE_DAYS, MONEY_ROW, PAYING_DAY, PAYING_DAYS } from '../metrics/activity.ts';
import { lastDays, priorDays } from '../metrics/windows.ts';

/**
 * The SQL that evaluates the lifecycle stage rules (server/lifecycle/rules.ts
 * holds them as data): the body of the player_stage view under the active
 * configuration, and the same body over a draft's typed parameters for the
 * settings preview and backtest.
 */

/** How the SQL refers to a threshold: the active configuration's column, or a typed query parameter of a draft. */
export type ThresholdRef = (name: string) => string;

export const activeRef: ThresholdRef = (name) => `(SELECT ${name} FROM active_lifecycle_config)`;
export const draftRef: ThresholdRef = (name) => `{${name}:${THRESHOLDS.find((t) => t.name === name)!.type}}`;
/**
 * The arguments of the player_stage_under view (server/queries/views/startViews.ts): every
 * threshold as its typed parameter, and the day as `{asOf}` (a Date parameter's name).
 */
export function thresholdArgs(asOf: string): string {
  return [`as_of = {${asOf}:Date}`, ...THRESHOLDS.map((t) => `${t.name} = ${draftRef(t.name)}`)].join(', ');
}

/**
 * Every player's lifecycle features and stage as of {as_of:Date}: windows end
 * on the day, inclusive; R = the last window_days, P = the window_days before.
 * Rules in order: exploration, decline, growth, stable; decline carries a
 * status (leaving, lapsed, lost); payers carry a value tier by spend percentile.
 */
export function playerStageSql(ref: ThresholdRef): string {
  const w = ref('window_days');
  return `SELECT f.player_id AS player_id, f.server_id AS server_id, f.first_day AS first_day, f.last_day AS last_day,
  f.tenure_days AS tenure_days, f.idle_days AS idle_days, f.active_r AS active_r, f.active_p AS active_p,
  f.spend_r AS spend_r, f.spend_p AS spend_p, f.lifetime_spend AS lifetime_spend, f.paying_days AS paying_days, f.first_pay_day AS first_pay_day,
  f.active_days AS active_days, f.max_level AS max_level,
  multiIf(
    f.tenure_days < ${ref('explore_tenure_days')}
      OR (f.tenure_days < ${ref('explore_max_tenure_days')} AND f.paying_days <= ${ref('explore_max_paying_days')}
          AND f.lifetime_spend < ${ref('explore_spend_cap')}), 'exploration',
    f.idle_days >= ${ref('decline_idle_days')}
      OR (f.active_p >= ${ref('decline_min_prior_active')} AND f.active_r <= ${ref('decline_active_ratio')} * f.active_p)
      OR (f.spend_p > 0 AND f.spend_r <= ${ref('decline_spend_ratio')} * f.spend_p), 'decline',
    (f.spend_r > 0 AND f.spend_r >= ${ref('growth_spend_ratio')} * f.spend_p)
      OR (f.active_r >= ${ref('growth_min_recent_active')} AND f.active_r >= ${ref('growth_active_ratio')} * f.active_p)
      OR (f.first_pay_day IS NOT NULL AND f.first_pay_day > {as_of:Date} - ${w}), 'growth',
    'stable') AS stage,
  multiIf(stage != 'decline', '',
          f.idle_days >= ${ref('lost_idle_days')}, 'lost',
          f.idle_days >= ${ref('lapsed_idle_days')}, 'lapsed',
          'leaving') AS status,
  multiIf(f.lifetime_spend <= 0, 'non_payer',
          f.lifetime_spend > c.whale_cut, 'whale',
          f.lifetime_spend > c.dolphin_cut, 'dolphin',
          'minnow') AS tier
FROM (
  SELECT a.player_id AS player_id, a.first_day AS first_day, a.last_day AS last_day, a.server_id AS server_id,
         dateDiff('day', a.first_day, {as_of:Date}) AS tenure_days, dateDiff('day', a.last_day, {as_of:Date}) AS idle_days,
         a.active_r AS active_r, a.active_p AS active_p, a.active_days AS active_days, a.max_level AS max_level,
         p.spend_r AS spend_r, p.spend_p AS spend_p, p.lifetime_spend AS lifetime_spend,
         p.paying_days AS paying_days, p.first_pay_day AS first_pay_day
  FROM (
    -- Active days in each window as a bit per day (a window is at most 90 days, a UInt128 holds it):
    -- exact distinct days without a hash set per player. if() rather than -If: the threshold
    -- subqueries are Nullable, and groupBitOrIf over no matching row would give NULL, not 0.
    SELECT player_id, min(day) AS first_day, max(day) AS last_day, argMax(server_id, last_ts) AS server_id,
           ${ACTIVE_DAYS} AS active_days, max(max_level) AS max_level,
           bitCount(groupBitOr(if(${ACTIVE_DAY} AND ${lastDays('as_of', w)},
                                  bitShiftLeft(toUInt128(1), toUInt8({as_of:Date} - day)), toUInt128(0)))) AS active_r,
           bitCount(groupBitOr(if(${ACTIVE_DAY} AND ${priorDays('as_of', w)},
                                  bitShiftLeft(toUInt128(1), toUInt8({as_of:Date} - ${w} - day)), toUInt128(0)))) AS active_p
    FROM player_daily
    WHERE day <= {as_of:Date}
    GROUP BY player_id
  ) AS a
  LEFT JOIN (
    -- Spend features from the rows that carry money only (a small share of all rows); others get 0 and NULL.
    SELECT player_id,
           sumIf(revenue, ${lastDays('as_of', w)}) AS spend_r,
           sumIf(revenue, ${priorDays('as_of', w)}) AS spend_p,
           sum(revenue) AS lifetime_spend,
           ${PAYING_DAYS} AS paying_days,
           minIf(toNullable(day), ${PAYING_DAY}) AS first_pay_day
    FROM player_daily
    WHERE day <= {as_of:Date} AND ${MONEY_ROW}
    GROUP BY player_id
  ) AS p ON p.player_id = a.player_id
) AS f
CROSS JOIN (
  -- The tier cut-offs, from the lifetime spend of every payer (only rows carrying revenue are read).
  SELECT ${spendCut('whale_percentile', ref)} AS whale_cut, ${spendCut('dolphin_percentile', ref)} AS dolphin_cut
  FROM (
    SELECT arraySort(groupArray(spend)) AS payer_spend
    FROM (SELECT sum(revenue) AS spend FROM player_daily WHERE day <= {as_of:Date} AND revenue != 0 GROUP BY player_id HAVING spend > 0)
  )
) AS c`;
}

/**
 * The lifetime spend a payer must exceed to reach a percentile tier, as an SQL
 * expression over payer_spend, every payer's lifetime spend ascending (n values).
 * Tiers follow percent_rank = (payers spending strictly less) / (n - 1) >= p,
 * which holds exactly when the spend exceeds the k-th smallest value,
 * k = ceil(p * (n - 1)); computed so instead of as a window function, which
 * would sort every player. With one payer percent_rank is 0: no tier above minnow.
 */
function spendCut(percentile: string, ref: ThresholdRef): string {
  return `if(length(payer_spend) < 2, NULL, payer_spend[toUInt64(ceil(${ref(percentile)} * (length(payer_spend) - 1)))])`;
}
