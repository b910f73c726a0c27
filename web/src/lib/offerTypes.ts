// Shapes of the offers API (/api/offers...), re-exported by types.ts. They mirror server/offers/*.
import type { RiskTier } from '../../../contract/enums.ts';
import type { OfferDraft } from './offerDraft.ts';
import type { Day, Money, Stage } from './types.ts';

export const OFFER_KINDS = [
  'starter_gift', 'first_purchase_coupon', 'mentor_pairing', 'event_invite', 'limited_bundle', 'topup_bonus',
  'vip_points', 'community_event', 'new_server', 'returning_reward', 'comrades_referral', 'content_notice',
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
export const OFFER_STATUSES = ['leaving', 'lapsed'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const VALUE_TIERS = ['non_payer', 'minnow', 'dolphin', 'whale'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

/** Churn-risk tiers, highest risk first (server/models/riskTier.ts). */
export const RISK_TIER_CHOICES: readonly RiskTier[] = ['gone', 'high', 'medium', 'low'];

export interface OfferConditions {
  statuses: OfferStatus[];
  tiers: ValueTier[];
  minIdleDays: number | null;
  maxIdleDays: number | null;
  minLevel: number | null;
  maxLevel: number | null;
  servers: string[];
  minClv: Money | null;
  maxClv: Money | null;
  riskTiers: RiskTier[];
}

export interface CostModel {
  kind: 'fixed' | 'spend_share';
  fixedCost: Money;
  spendShare: number;
}

export interface OfferDefinition {
  offerId: string;
  kind: OfferKind;
  name: string;
  description: string;
  stages: Stage[];
  conditions: OfferConditions;
  reward: string;
  cost: CostModel;
  assumedUplift: number;
  holdoutShare: number;
  activeFrom: Day;
  activeTo: Day | null;
  enabled: boolean;
}

export interface OfferVersion extends OfferDefinition {
  version: number;
  author: string;
  note: string;
  savedAt: string;
  archived: boolean;
}

export type ReasonCode = 'empty' | 'no_value' | 'pays' | 'loses';
export interface Reason {
  code: ReasonCode;
  values: Record<string, string | number>;
}

export interface Economics {
  members: number;
  totalCost: Money;
  totalClv: Money;
  retained: Money;
  net: Money;
  roi: number | null;
  modelClv: number;
  fallbackClv: number;
  reason: Reason;
}

export interface Proposal {
  offerId: string;
  version: number | null;
  kind: OfferKind;
  name: string;
  reward: string;
  stages: Stage[];
  cost: CostModel;
  assumedUplift: number;
  holdoutShare: number;
  economics: Economics;
}

export type ProposalSort = 'roi' | 'net' | 'cost' | 'audience' | 'retained';

export interface Proposals {
  asOf: Day | null;
  sort: ProposalSort;
  currency: string;
  proposals: Proposal[];
}

export interface OfferError {
  field: string;
  code: string;
  values: Record<string, string | number>;
  message: string;
}

export interface WhatIf {
  asOf: Day | null;
  currency: string;
  valid: boolean;
  errors: OfferError[];
  proposal: Proposal | null;
}

export interface OfferWithVersions {
  offer: OfferVersion;
  versions: OfferVersion[];
}

export interface AudienceMember {
  playerId: string;
  serverId: string;
  stage: Stage;
  status: string;
  tier: ValueTier;
  idleDays: number;
  maxLevel: number;
  lifetimeSpend: Money;
  pAlive: number | null;
  churnRisk: RiskTier | null;
  expectedClv: Money;
  clvSource: 'model' | 'fallback';
  cost: Money;
}

export type AudienceSort = 'clv' | 'cost' | 'idle';

export interface OfferAudience {
  asOf: Day | null;
  currency: string;
  offer: OfferVersion;
  economics: Economics | null;
  members: AudienceMember[];
  limit: number;
  offset: number;
  sort: AudienceSort;
}

/** The body of a save: the definition, who saves it and why; baseVersion guards against overwriting a newer edit. */
export interface OfferSave {
  offer: OfferDraft;
  author: string;
  note: string;
  baseVersion?: number;
}
