/**
 * The player lists live-ops asks for, as conditions on the stage view's
 * columns (player_stage). Fixed text, never user input.
 */
const LOYAL_MIN_TENURE_DAYS = 60;
/**
 * Loyal players were active on at least this share of the days of the recent
 * and prior stage windows together (the last 28 days with the default 14-day
 * windows: 14 active days).
 */
const LOYAL_MIN_ACTIVE_SHARE = 0.5;

export const VALUE_LIST_WHERE = {
  top_spenders: `lifetime_spend > 0`,
  big_spenders: `tier IN ('whale', 'dolphin')`,
  loyal: `stage = 'stable' AND tenure_days >= ${LOYAL_MIN_TENURE_DAYS}
          AND active_r + active_p >= ${LOYAL_MIN_ACTIVE_SHARE} * 2 * (SELECT window_days FROM active_lifecycle_config)`,
  growth_potential: `stage = 'growth' AND spend_r > spend_p`,
  at_risk_high_value: `tier IN ('whale', 'dolphin') AND stage = 'decline' AND status != 'lost'`,
} as const;

export type ValueList = keyof typeof VALUE_LIST_WHERE;
