import type { RiskTier } from '../models/riskTier.ts';

/**
 * The retention-offer catalog's shapes (DESIGN section 8). An offer is stored
 * as versions in `offer_versions` (sql/015); the latest version of an offer id
 * is its current definition. Money is a decimal string, never a float.
 */

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

export const STAGES = ['exploration', 'growth', 'stable', 'decline'] as const;
export type Stage = (typeof STAGES)[number];
/** Decline statuses; lost players (idle beyond the horizon) are out of every audience. */
export const STATUSES = ['leaving', 'lapsed'] as const;
export type Status = (typeof STATUSES)[number];
export const VALUE_TIERS = ['non_payer', 'minnow', 'dolphin', 'whale'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

/** Who an offer is for, on top of its stages. An empty list or a null bound means "any". */
export interface OfferConditions {
  statuses: Status[];
  tiers: ValueTier[];
  minIdleDays: number | null;
  maxIdleDays: number | null;
  /** Highest level reached (sessions' `level`). */
  minLevel: number | null;
  maxLevel: number | null;
  /** The player's current server (latest session). */
  servers: string[];
  /** Expected lifetime value in the base currency, decimal strings. */
  minClv: string | null;
  maxClv: string | null;
  /** Churn-risk tiers of the engagement model. */
  riskTiers: RiskTier[];
}

/**
 * What one player in the audience costs:
 * - fixed: `fixedCost` per player who receives it (a gift, a coupon's face value);
 * - spend_share: `spendShare` of the player's expected lifetime value, for
 *   rewards paid on every purchase (a top-up bonus, VIP points).
 */
export interface CostModel {
  kind: 'fixed' | 'spend_share';
  fixedCost: string;
  spendShare: number;
}

export interface OfferDefinition {
  offerId: string;
  kind: OfferKind;
  name: string;
  description: string;
  stages: Stage[];
  conditions: OfferConditions;
  /** What the player gets, in the game's words ("500 gems and a catch-up quest line"). */
  reward: string;
  cost: CostModel;
  /**
   * Assumed share of the audience's expected value the offer retains or wins
   * back (0..1), until a launch measures it.
   */
  assumedUplift: number;
  /** Share of a launch's audience kept as holdout (0..0.5). */
  holdoutShare: number;
  activeFrom: string;
  /** Inclusive last day; null = open-ended. */
  activeTo: string | null;
  enabled: boolean;
}

export interface OfferVersion extends OfferDefinition {
  version: number;
  author: string;
  note: string;
  savedAt: string;
  archived: boolean;
}
