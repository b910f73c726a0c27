/**
 * The lifecycle stage rules (DESIGN section 6) as data: every threshold, its
 * type and its valid range, and the cross-field checks that keep the rules
 * possible and non-overlapping. The SQL that evaluates them is
 * server/queries/stages/playerStageSql.ts.
 */
import type { RuleError, RuleErrorCode, Rules, ThresholdDef } from '../../contract/settings.ts';

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
  if (has('decline_idle_days', 'lapsed_idle_days')) rule(num.lapsed_idle_days > num.decline_idle_days, 'lapsed_idle_days', 'lapsed_after_decline');
  if (has('lapsed_idle_days', 'lost_idle_days')) rule(num.lost_idle_days > num.lapsed_idle_days, 'lost_idle_days', 'lost_after_lapsed');
  if (has('dolphin_percentile', 'whale_percentile')) rule(num.whale_percentile > num.dolphin_percentile, 'whale_percentile', 'whale_above_dolphin');
  return { rules, errors };
}
