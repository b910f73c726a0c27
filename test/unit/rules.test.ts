import { describe, expect, it } from 'vitest';
import { activeRef, draftRef, playerStageSql, THRESHOLDS, validateRules } from '../../server/lifecycle/rules.ts';

const DEFAULTS: Record<string, string> = {
  window_days: '14', explore_tenure_days: '14', explore_max_tenure_days: '30', explore_max_paying_days: '2', explore_spend_cap: '10',
  decline_idle_days: '7', decline_active_ratio: '0.5', decline_min_prior_active: '4', decline_spend_ratio: '0.5',
  growth_spend_ratio: '1.25', growth_active_ratio: '1.25', growth_min_recent_active: '4', lapsed_idle_days: '30', lost_idle_days: '180',
  dolphin_percentile: '0.8', whale_percentile: '0.98',
};

describe('validateRules', () => {
  it('accepts the DESIGN defaults, numbers or strings, and normalises to strings', () => {
    expect(validateRules(DEFAULTS)).toEqual({ rules: DEFAULTS, errors: [] });
    expect(validateRules({ ...DEFAULTS, window_days: 21 }).rules.window_days).toBe('21');
  });

  it.each([
    [{ window_days: '' }, 'window_days', 'window_days is required'],
    [{ window_days: '1.5' }, 'window_days', 'window_days must be a whole number, got "1.5"'],
    [{ decline_active_ratio: '1' }, 'decline_active_ratio', 'decline_active_ratio must be strictly between 0 and 1, got 1'],
    [{ growth_spend_ratio: '1' }, 'growth_spend_ratio', 'growth_spend_ratio must be strictly between 1 and 100, got 1'],
    [{ explore_spend_cap: '-1' }, 'explore_spend_cap', 'explore_spend_cap must be a decimal number with at most 4 places, got "-1"'],
    [{ explore_max_tenure_days: '10' }, 'explore_max_tenure_days', 'the longer exploration tenure must be at least the plain exploration tenure, or its rule can never apply'],
    [{ window_days: '3' }, 'decline_min_prior_active', 'at least 4 active days in a 3-day window is impossible'],
    [{ lost_idle_days: '30' }, 'lost_idle_days', 'lost must mean idle longer than lapsed'],
    [{ whale_percentile: '0.8' }, 'whale_percentile', 'the whale percentile must be above the dolphin percentile'],
  ])('refuses %j', (patch, field, message) => {
    const { errors } = validateRules({ ...DEFAULTS, ...patch });
    expect(errors).toContainEqual({ field, message });
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
