/**
 * The lifecycle stage rules (DESIGN section 6) as data: every threshold, its
 * type and its valid range, the cross-field checks that keep the rules
 * possible and non-overlapping, and the one SQL builder that evaluates them.
 */
export type ThresholdType = 'UInt16' | 'Decimal(18, 4)' | 'Decimal(9, 4)';

export interface ThresholdDef {
  name: string;
  type: ThresholdType;
  group: 'window' | 'exploration' | 'decline' | 'growth' | 'status' | 'tiers';
  min: number;
  max: number;
  /** The bound itself is not allowed (ratios and percentiles strictly inside their range). */
  exclusive?: boolean;
}

export const THRESHOLDS: readonly ThresholdDef[] = [
  { name: 'window_days', type: 'UInt16', group: 'window', min: 1, max: 90 },
  { name: 'explore_tenure_days', type: 'UInt16', group: 'exploration', min: 1, max: 365 },
  { name: 'explore_max_tenure_days', type: 'UInt16', group: 'exploration', min: 1, max: 365 },
  { name: 'explore_max_paying_days', type: 'UInt16', group: 'exploration', min: 0, max: 365 },
  { name: 'explore_spend_cap', type: 'Decimal(18, 4)', group: 'exploration', min: 0, max: 1e9 },
  { name: 'decline_idle_days', type: 'UInt16', group: 'decline', min: 1, max: 365 },
  { name: 'decline_active_ratio', type: 'Decimal(9, 4)', group: 'decline', min: 0, max: 1, exclusive: true },
  { name: 'decline_min_prior_active', type: 'UInt16', group: 'decline', min: 1, max: 90 },
  { name: 'decline_spend_ratio', type: 'Decimal(9, 4)', group: 'decline', min: 0, max: 1, exclusive: true },
  { name: 'growth_spend_ratio', type: 'Decimal(9, 4)', group: 'growth', min: 1, max: 100, exclusive: true },
  { name: 'growth_active_ratio', type: 'Decimal(9, 4)', group: 'growth', min: 1, max: 100, exclusive: true },
  { name: 'growth_min_recent_active', type: 'UInt16', group: 'growth', min: 1, max: 90 },
  { name: 'lapsed_idle_days', type: 'UInt16', group: 'status', min: 1, max: 3650 },
  { name: 'lost_idle_days', type: 'UInt16', group: 'status', min: 1, max: 3650 },
  { name: 'dolphin_percentile', type: 'Decimal(9, 4)', group: 'tiers', min: 0, max: 1, exclusive: true },
  { name: 'whale_percentile', type: 'Decimal(9, 4)', group: 'tiers', min: 0, max: 1, exclusive: true },
];

export const THRESHOLD_NAMES = THRESHOLDS.map((t) => t.name);

/** Threshold values as decimal strings (money and ratios never go through floats on the way to SQL). */
export type Rules = Record<string, string>;

/** Why a value is refused; the dashboard words each code in its own language from `vars`. */
export type RuleErrorCode =
  | 'required' | 'whole' | 'decimal' | 'range' | 'range_strict'
  | 'explore_order' | 'days_in_window' | 'lapsed_after_decline' | 'lost_after_lapsed' | 'whale_above_dolphin';

export interface RuleError {
  field: string;
  code: RuleErrorCode;
  vars: Record<string, string | number>;
  /** The English wording, for API clients and logs. */
  message: string;
}

const MESSAGES: Record<RuleErrorCode, string> = {
  required: '{field} is required',
  whole: '{field} must be a whole number, got "{value}"',
  decimal: '{field} must be a decimal number with at most 4 places, got "{value}"',
  range: '{field} must be between {min} and {max}, got {value}',
  range_strict: '{field} must be strictly between {min} and {max}, got {value}',
  explore_order: 'the longer exploration tenure must be at least the plain exploration tenure, or its rule can never apply',
  days_in_window: 'at least {days} active days in a {window}-day window is impossible',
  lapsed_after_decline: 'lapsed must mean idle longer than the decline threshold',
  lost_after_lapsed: 'lost must mean idle longer than lapsed',
  whale_above_dolphin: 'the whale percentile must be above the dolphin percentile',
};

function ruleError(field: string, code: RuleErrorCode, vars: Record<string, string | number> = {}): RuleError {
  const all = { field, ...vars };
  return { field, code, vars, message: MESSAGES[code].replace(/\{(\w+)\}/g, (_m, k: string) => String(all[k as keyof typeof all])) };
}

const DECIMAL = /^\d{1,14}(\.\d{1,4})?$/;
const INTEGER = /^\d{1,5}$/;

/** Checks a draft; returns the normalised values and every problem found (empty when valid). */
export function validateRules(input: Record<string, unknown>): { rules: Rules; errors: RuleError[] } {
  const errors: RuleError[] = [];
  const rules: Rules = {};
  const num: Record<string, number> = {};
  for (const def of THRESHOLDS) {
    const raw = input[def.name];
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      errors.push(ruleError(def.name, 'required'));
      continue;
    }
    const isInt = def.type === 'UInt16';
    if (!(isInt ? INTEGER : DECIMAL).test(text)) {
      errors.push(ruleError(def.name, isInt ? 'whole' : 'decimal', { value: text }));
      continue;
    }
    const v = Number(text);
    const below = def.exclusive ? v <= def.min : v < def.min;
    const above = def.exclusive ? v >= def.max : v > def.max;
    if (below || above) {
      errors.push(ruleError(def.name, def.exclusive ? 'range_strict' : 'range', { min: def.min, max: def.max, value: text }));
      continue;
    }
    rules[def.name] = text;
    num[def.name] = v;
  }
  const rule = (ok: boolean, field: string, code: RuleErrorCode, vars?: Record<string, number>) => ok || errors.push(ruleError(field, code, vars));
  const has = (...names: string[]) => names.every((n) => n in num);
  // Cross-field checks: each names a rule that would otherwise never fire or overlap another.
  // (A decline ratio can never reach a growth ratio: their ranges, below and above 1, keep them apart.)
  if (has('explore_tenure_days', 'explore_max_tenure_days'))
    rule(num.explore_max_tenure_days >= num.explore_tenure_days, 'explore_max_tenure_days', 'explore_order');
  for (const field of ['decline_min_prior_active', 'growth_min_recent_active'])
    if (has(field, 'window_days')) rule(num[field] <= num.window_days, field, 'days_in_window', { days: num[field], window: num.window_days });
  if (has('decline_idle_days', 'lapsed_idle_days'))
    rule(num.lapsed_idle_days > num.decline_idle_days, 'lapsed_idle_days', 'lapsed_after_decline');
  if (has('lapsed_idle_days', 'lost_idle_days'))
    rule(num.lost_idle_days > num.lapsed_idle_days, 'lost_idle_days', 'lost_after_lapsed');
  if (has('dolphin_percentile', 'whale_percentile'))
    rule(num.whale_percentile > num.dolphin_percentile, 'whale_percentile', 'whale_above_dolphin');
  return { rules, errors };
}

/** How the SQL refers to a threshold: the active configuration's column, or a typed query parameter of a draft. */
export type ThresholdRef = (name: string) => string;

export const activeRef: ThresholdRef = (name) => `(SELECT ${name} FROM active_lifecycle_config)`;
export const draftRef: ThresholdRef = (name) => `{${name}:${THRESHOLDS.find((t) => t.name === name)!.type}}`;

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
         a.active_r AS active_r, a.active_p AS active_p,
         p.spend_r AS spend_r, p.spend_p AS spend_p, p.lifetime_spend AS lifetime_spend,
         p.paying_days AS paying_days, p.first_pay_day AS first_pay_day
  FROM (
    -- Active days in each window as a bit per day (a window is at most 90 days, a UInt128 holds it):
    -- exact distinct days without a hash set per player. if() rather than -If: the threshold
    -- subqueries are Nullable, and groupBitOrIf over no matching row would give NULL, not 0.
    SELECT player_id, min(day) AS first_day, max(day) AS last_day, argMax(server_id, last_ts) AS server_id,
           bitCount(groupBitOr(if(sessions > 0 AND day > {as_of:Date} - ${w},
                                  bitShiftLeft(toUInt128(1), toUInt8({as_of:Date} - day)), toUInt128(0)))) AS active_r,
           bitCount(groupBitOr(if(sessions > 0 AND day <= {as_of:Date} - ${w} AND day > {as_of:Date} - 2 * ${w},
                                  bitShiftLeft(toUInt128(1), toUInt8({as_of:Date} - ${w} - day)), toUInt128(0)))) AS active_p
    FROM player_daily
    WHERE day <= {as_of:Date}
    GROUP BY player_id
  ) AS a
  LEFT JOIN (
    -- Spend features from the rows that carry money only (a small share of all rows); others get 0 and NULL.
    SELECT player_id,
           sumIf(revenue, day > {as_of:Date} - ${w}) AS spend_r,
           sumIf(revenue, day <= {as_of:Date} - ${w} AND day > {as_of:Date} - 2 * ${w}) AS spend_p,
           sum(revenue) AS lifetime_spend,
           uniqExactIf(day, payments > 0) AS paying_days,
           minIf(toNullable(day), payments > 0) AS first_pay_day
    FROM player_daily
    WHERE day <= {as_of:Date} AND (payments > 0 OR revenue != 0)
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
