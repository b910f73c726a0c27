// The enumerations that cross the wire, declared once for the server and the web.

/** Lifecycle stages in their display order (DESIGN section 6). */
export const STAGES = ['exploration', 'growth', 'stable', 'decline'] as const;
export type Stage = (typeof STAGES)[number];

/** Decline statuses; lost players (idle beyond the horizon) have left the active base. */
export const STATUSES = ['leaving', 'lapsed'] as const;
export type Status = (typeof STATUSES)[number];

/** Value tiers by lifetime spend percentile. */
export const VALUE_TIERS = ['non_payer', 'minnow', 'dolphin', 'whale'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

/** Churn-risk tiers of the engagement model, highest risk first (thresholds: server/models/riskTier.ts). */
export const RISK_TIER_KEYS = ['gone', 'high', 'medium', 'low'] as const;
export type RiskTier = (typeof RISK_TIER_KEYS)[number];

/** Ends of a stage-transition flow: where a player came from and went to. */
export const FROM_KEYS = ['new', ...STAGES, 'lost'] as const;
export const TO_KEYS = [...STAGES, 'lost'] as const;
export type FlowKey = (typeof FROM_KEYS)[number];

export const OFFER_KINDS = [
  'starter_gift',
  'first_purchase_coupon',
  'mentor_pairing',
  'event_invite',
  'limited_bundle',
  'topup_bonus',
  'vip_points',
  'community_event',
  'new_server',
  'returning_reward',
  'comrades_referral',
  'content_notice',
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export const REPORT_LANGS = ['en', 'zh'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];
