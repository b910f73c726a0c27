/**
 * The player lists live-ops asks for, as conditions on the stage view's
 * columns (player_stage). Fixed text, never user input.
 */
export const LOYAL_MIN_TENURE_DAYS = 60;
/** Active days in the recent and prior windows together (28 days with the default 14-day windows). */
export const LOYAL_MIN_ACTIVE_DAYS = 14;

export const VALUE_LISTS = {
  top_spenders: `lifetime_spend > 0`,
  big_spenders: `tier IN ('whale', 'dolphin')`,
  loyal: `stage = 'stable' AND tenure_days >= ${LOYAL_MIN_TENURE_DAYS} AND active_r + active_p >= ${LOYAL_MIN_ACTIVE_DAYS}`,
  growth_potential: `stage = 'growth' AND spend_r > spend_p`,
  at_risk_high_value: `tier IN ('whale', 'dolphin') AND stage = 'decline' AND status != 'lost'`,
} as const;

export type ValueList = keyof typeof VALUE_LISTS;
export const VALUE_LIST_NAMES = Object.keys(VALUE_LISTS) as ValueList[];
