// Requests and responses of /api/offers* (DESIGN section 8): the catalog, proposals, what-if and audiences.
import type { Day, Money } from './common.ts';
import type { OfferKind, RiskTier, Stage, Status, ValueTier } from './enums.ts';
import type { LocalTexts } from './texts.ts';

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
  /** Expected lifetime value in the base currency. */
  minClv: Money | null;
  maxClv: Money | null;
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
  fixedCost: Money;
  spendShare: number;
}

/** An offer's words in one language. */
export interface OfferWords {
  name: string;
  description: string;
  reward: string;
}

/**
 * The offer's words in the dashboard's languages, by language code: shown to
 * a user of that language (and in a report in it) instead of the offer's own
 * `name`, `description` and `reward`; an empty or missing text falls back to them.
 */
export type OfferTexts = LocalTexts<keyof OfferWords>;

export interface OfferDefinition {
  offerId: string;
  kind: OfferKind;
  name: string;
  description: string;
  stages: Stage[];
  conditions: OfferConditions;
  /** What the player gets, in the game's words ("500 gems and a catch-up quest line"). */
  reward: string;
  /** The name, description and reward in other languages. */
  texts: OfferTexts;
  cost: CostModel;
  /**
   * Assumed share of the audience's expected value the offer retains or wins
   * back (0..1), until a launch measures it.
   */
  assumedUplift: number;
  /** Share of a launch's audience kept as holdout (0..0.5). */
  holdoutShare: number;
  activeFrom: Day;
  /** Inclusive last day; null = open-ended. */
  activeTo: Day | null;
  enabled: boolean;
}

/** A stored version of an offer; the highest version of an id is its current definition. */
export interface OfferVersion extends OfferDefinition {
  version: number;
  author: string;
  note: string;
  savedAt: string;
  archived: boolean;
}

/**
 * A definition as an editor sends it: the definition's shape with numbers as
 * typed text (blank = open). The server validates it and names each problem.
 */
export interface OfferDraft {
  offerId: string;
  kind: string;
  name: string;
  description: string;
  texts: OfferTexts;
  stages: string[];
  conditions: {
    statuses: string[];
    tiers: string[];
    minIdleDays: string | null;
    maxIdleDays: string | null;
    minLevel: string | null;
    maxLevel: string | null;
    servers: string[];
    minClv: string | null;
    maxClv: string | null;
    riskTiers: string[];
  };
  reward: string;
  cost: { kind: string; fixedCost: string; spendShare: string };
  assumedUplift: string;
  holdoutShare: string;
  activeFrom: string;
  activeTo: string | null;
  enabled: boolean;
}

export type OfferErrorCode =
  | 'required'
  | 'text'
  | 'too_long'
  | 'offer_id'
  | 'list'
  | 'unknown'
  | 'duplicate'
  | 'empty'
  | 'whole'
  | 'number'
  | 'decimal'
  | 'range'
  | 'order'
  | 'date'
  | 'date_order'
  | 'boolean'
  | 'server'
  | 'statuses_need_decline'
  | 'object';

/** One problem of a definition: a code with its values so the dashboard words it; `message` is the English wording. */
export interface OfferError {
  field: string;
  code: OfferErrorCode;
  values: Record<string, string | number>;
  message: string;
}

export type ReasonCode = 'empty' | 'no_value' | 'pays' | 'loses';

/** A plain-language reason as a code and its values; the dashboard words it in either language. */
export interface Reason {
  code: ReasonCode;
  values: Record<string, string | number>;
}

/** Count, total cost and expected CLV of an audience, and how many members the model vs the fallback priced. */
export interface AudienceTotals {
  members: number;
  totalCost: Money;
  totalClv: Money;
  modelClv: number;
  fallbackClv: number;
}

/**
 * What an audience is worth to an offer, summed over its members (server/offers/economics.ts has the model):
 * each member's P(churn) and value if kept; the value at risk is the sum of P(churn) x value if kept.
 */
export interface AudienceValue {
  /** Members with lifetime spend > 0; the rest are non-payers, valued by their chance to convert. */
  payers: number;
  /**
   * Members whose P(churn) is 1 - the engagement model's P(alive); the others (unscored, or of one active day, whose
   * P(alive) is 1 by the model's construction) take their stage's measured churn.
   */
  churnScored: number;
  /** Sum of the members' P(churn) (the expected number who leave without an offer). */
  churnSum: number;
  /** Sum of the value each member brings over the CLV horizon if kept. */
  valueIfKept: Money;
  /** The part of valueIfKept that is the non-payers' (chance to convert x value of a new payer). */
  nonPayerValue: Money;
  /** Sum of P(churn) x value if kept: what the audience stands to lose. */
  valueAtRisk: Money;
}

/** Count, total cost and expected CLV of an audience, how many members the model vs the fallback priced, and its value. */
export interface AudienceTotals extends AudienceValue {
  members: number;
  totalCost: Money;
  totalClv: Money;
  modelClv: number;
  fallbackClv: number;
}

/**
 * The chance that an offer changes a player's outcome: the assumed uplift on each member's P(churn), or the
 * return-rate difference (treatment - holdout) the newest complete launch of the offer's kind measured, with its
 * 95% interval, applied to every member alike.
 */
export interface UpliftUsed {
  source: 'assumed' | 'measured';
  rate: number;
  /** The measured difference's 95% interval; null when assumed (or the launch could not compute one). */
  ci: { low: number; high: number } | null;
  /** The launch measured, and the offer it launched (maybe another offer of the same kind). */
  launchId: string | null;
  launchOfferId: string | null;
}

/**
 * Retained = sum over members of P(offer changes the outcome) x (value if kept - value if not, which is 0):
 * uplift x valueAtRisk when assumed, measured rate x valueIfKept when measured. Net = retained - cost;
 * ROI = net / cost, null when the offer costs nothing.
 */
export interface Economics extends AudienceTotals {
  uplift: UpliftUsed;
  /** Expected players whose outcome the offer changes. */
  changed: number;
  retained: Money;
  /** Retained at the ends of the measured interval; null when the uplift is assumed. */
  retainedLow: Money | null;
  retainedHigh: Money | null;
  net: Money;
  roi: number | null;
  reason: Reason;
}

/** What one stage's players did over the measurement window: the game-level factors non-payers and unscored players are priced on. */
export interface StageOutcome {
  stage: Stage;
  /** Players of the stage at the window's start (not lost) and those seen again by its end. */
  players: number;
  kept: number;
  /** Share not seen again; null without players (then the players' overall share is used). */
  pChurn: number | null;
  /** Non-payers at the start who were seen again, and how many of them paid by the end. */
  nonPayersKept: number;
  converted: number;
  /** converted / nonPayersKept; null when no non-payer was kept. */
  pConvert: number | null;
  /** What a non-payer of the stage is worth if kept: pConvert x the mean value of a new payer. */
  nonPayerValue: Money;
}

/** The game-level factors of the economics on a day, measured over the window days before it. */
export interface ValueFactors {
  /** First day of the window (stages read on it) and its length in days. */
  from: Day;
  windowDays: number;
  stages: StageOutcome[];
  /** P(churn) for unscored players where their stage has none measured; null when nothing was measured (0.5 used). */
  pChurnAll: number | null;
  /** Players who became payers in the window and their mean value if kept. */
  newPayers: number;
  newPayerValue: Money;
}

export const PROPOSAL_SORTS = ['roi', 'net', 'cost', 'audience', 'retained'] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

export interface Proposal {
  offerId: string;
  /** The catalog version priced; null for a what-if draft. */
  version: number | null;
  kind: OfferKind;
  name: string;
  reward: string;
  texts: OfferTexts;
  stages: Stage[];
  cost: CostModel;
  assumedUplift: number;
  holdoutShare: number;
  economics: Economics;
}

export const AUDIENCE_SORTS = ['clv', 'cost', 'idle'] as const;
export type AudienceSort = (typeof AUDIENCE_SORTS)[number];

export interface AudienceMember {
  playerId: string;
  serverId: string;
  stage: Stage;
  /** '' unless decline: leaving | lapsed (lost players are never in an audience). */
  status: Status | '';
  tier: ValueTier;
  idleDays: number;
  maxLevel: number;
  lifetimeSpend: Money;
  /** Engagement P(alive); null without a score. */
  pAlive: number | null;
  churnRisk: RiskTier | null;
  expectedClv: Money;
  clvSource: 'model' | 'fallback';
  /** 1 - P(alive), or the stage's measured churn without a score or with one active day only. */
  pChurn: number;
  /** Whether pChurn is the engagement model's (else the stage's measured churn). */
  churnScored: boolean;
  /** The value the player brings over the CLV horizon if kept (the economics' "value if kept"). */
  valueIfKept: Money;
  /** What the offer costs for this player (fixed cost, or its share of the expected CLV). */
  cost: Money;
}

/** GET /api/offers?archived=0|1 */
export interface OfferList {
  offers: OfferVersion[];
}

/** GET /api/offers/:id: the current definition and every version, newest first. */
export interface OfferWithVersions {
  offer: OfferVersion;
  versions: OfferVersion[];
}

/** Body of POST /api/offers and PUT /api/offers/:id; baseVersion guards against overwriting a newer edit. Both answer the saved OfferVersion. */
export interface OfferSave {
  offer: OfferDraft;
  author: string;
  note?: string;
  baseVersion?: number;
}

/** Body of POST /api/offers/:id/archive and /restore; both answer the saved OfferVersion. */
export interface OfferArchive {
  author: string;
  note?: string;
}

/** Query of GET /api/offers/proposals. */
export interface ProposalsQuery {
  asOf?: Day;
  sort?: ProposalSort;
  stage?: Stage;
}

/** GET /api/offers/proposals: every active offer priced on the day, best first. */
export interface Proposals {
  currency: string;
  /** The day priced; null when there is no data yet (then the list is empty). */
  asOf: Day | null;
  sort: ProposalSort;
  proposals: Proposal[];
  /** The game-level factors every proposal is priced on; null without data. */
  factors: ValueFactors | null;
}

/** Body of POST /api/offers/what-if. */
export interface WhatIfBody {
  offer: OfferDraft;
  asOf?: Day;
}

/** POST /api/offers/what-if: an invalid draft answers 200 with its errors. */
export interface WhatIf {
  currency: string;
  asOf: Day | null;
  valid: boolean;
  errors: OfferError[];
  /** The draft priced; null when it is not valid or there is no data. */
  proposal: Proposal | null;
  factors: ValueFactors | null;
}

/** Query of GET /api/offers/:id/audience. */
export interface AudienceQuery {
  asOf?: Day;
  limit?: number;
  offset?: number;
  sort?: AudienceSort;
}

/** GET /api/offers/:id/audience: one page of the members. */
export interface OfferAudience {
  asOf: Day | null;
  /** Absent when there is no data yet. */
  currency?: string;
  offer: OfferVersion;
  totals: AudienceTotals | null;
  economics: Economics | null;
  members: AudienceMember[];
  limit: number;
  offset: number;
  sort: AudienceSort;
}
