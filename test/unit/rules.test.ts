import { describe, expect, it } from 'vitest';
import { THRESHOLDS, validateRules } from '../../server/lifecycle/rules.ts';
import { activeRef, draftRef, playerStageSql } from '../../server/queries/stages/playerStageSql.ts';

const DEFAULTS: Record<string, string> = {
  window_days: '14',
  explore_tenure_days: '14',
  explore_max_tenure_days: '30',
  explore_max_paying_days: '2',
  explore_spend_cap: '10',
  decline_idle_days: '7',
  decline_active_ratio: '0.5',
  decline_min_prior_active: '4',
  decline_spend_ratio: '0.5',
  growth_spend_ratio: '1.25',
  growth_active_ratio: '1.25',
  growth_min_recent_active: '4',
  lapsed_idle_days: '30',
  lost_idle_days: '180',
  dolphin_percentile: '0.8',
  whale_percentile: '0.98',
};

describe('validateRules', () => {
  it('accepts the DESIGN defaults, numbers or strings, and normalises to strings', () => {
    expect(validateRules(DEFAULTS)).toEqual({ rules: DEFAULTS, errors: [] });
    expect(validateRules({ ...DEFAULTS, window_days: 21 }).rules.window_days).toBe('21');
  });

  it.each([
    [{ window_days: '' }, 'window_days', 'required', {}, 'window_days is required'],
    [{ window_days: '1.5' }, 'window_days', 'whole', { value: '1.5' }, 'window_days must be a whole number, got "1.5"'],
    [{ window_days: '91' }, 'window_days', 'range', { min: 1, max: 90, value: '91' }, 'window_days must be between 1 and 90, got 91'],
    [
      { decline_active_ratio: '1' },
      'decline_active_ratio',
      'range_strict',
      { min: 0, max: 1, value: '1' },
      'decline_active_ratio must be strictly between 0 and 1, got 1',
    ],
    [
      { growth_spend_ratio: '1' },
      'growth_spend_ratio',
      'range_strict',
      { min: 1, max: 100, value: '1' },
      'growth_spend_ratio must be strictly between 1 and 100, got 1',
    ],
    [
      { explore_spend_cap: '-1' },
      'explore_spend_cap',
      'decimal',
      { value: '-1' },
      'explore_spend_cap must be a decimal number with at most 4 places, got "-1"',
    ],
    [
      { explore_spend_cap: '1.00001' },
      'explore_spend_cap',
      'decimal',
      { value: '1.00001' },
      'explore_spend_cap must be a decimal number with at most 4 places, got "1.00001"',
    ],
    [
      { explore_max_tenure_days: '10' },
      'explore_max_tenure_days',
      'explore_order',
      {},
      'the longer exploration tenure must be at least the plain exploration tenure, or its rule can never apply',
    ],
    [
      { window_days: '3', growth_min_recent_active: '3' },
      'decline_min_prior_active',
      'days_in_window',
      { days: 4, window: 3 },
      'at least 4 active days in a 3-day window is impossible',
    ],
    [
      { growth_min_recent_active: '15' },
      'growth_min_recent_active',
      'days_in_window',
      { days: 15, window: 14 },
      'at least 15 active days in a 14-day window is impossible',
    ],
    [{ lapsed_idle_days: '7' }, 'lapsed_idle_days', 'lapsed_after_decline', {}, 'lapsed must mean idle longer than the decline threshold'],
    [{ lost_idle_days: '30' }, 'lost_idle_days', 'lost_after_lapsed', {}, 'lost must mean idle longer than lapsed'],
    [{ whale_percentile: '0.8' }, 'whale_percentile', 'whale_above_dolphin', {}, 'the whale percentile must be above the dolphin percentile'],
  ])('refuses %j', (patch, field, code, vars, message) => {
    const { errors } = validateRules({ ...DEFAULTS, ...patch });
    expect(errors).toEqual([{ field, code, vars, message }]);
  });

  it('reports every problem at once and keeps only the valid values', () => {
    const { rules, errors } = validateRules({ ...DEFAULTS, window_days: 'x', decline_idle_days: '40', dolphin_percentile: '0.99' });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['window_days', 'whole'],
      ['lapsed_idle_days', 'lapsed_after_decline'],
      ['whale_percentile', 'whale_above_dolphin'],
    ]);
    expect(rules.window_days).toBeUndefined();
    expect(rules.decline_idle_days).toBe('40');
  });
});

describe('playerStageSql', () => {
  it('reads every threshold from the active configuration, or from typed parameters for a draft', () => {
    const active = playerStageSql(activeRef);
    const draft = playerStageSql(draftRef);
    for (const t of THRESHOLDS) {
      expect(active).toContain(`(SELECT ${t.name} FROM active_lifecycle_config)`);
      expect(draft).toContain(`{${t.name}:${t.type}}`);
    }
    // The two differ only in how thresholds are referenced.
    const strip = (sql: string) => sql.replace(/\(SELECT (\w+) FROM active_lifecycle_config\)|\{(\w+):[^}]+\}/g, (_m, a, b) => `<${a ?? b}>`);
    expect(strip(active)).toBe(strip(draft));
  });
});
