/**
 * The columns of an offer version as the readers select them: money and dates
 * as strings, so the row maps to an OfferVersion without floats.
 */
export const OFFER_COLUMNS = `offer_id, version, kind, name, description, stages, statuses, tiers,
  min_idle_days, max_idle_days, min_level, max_level, servers,
  toString(min_clv) AS min_clv, toString(max_clv) AS max_clv, risk_tiers, reward, texts,
  cost_kind, toString(fixed_cost) AS fixed_cost, spend_share, assumed_uplift, holdout_share,
  toString(active_from) AS active_from, toString(active_to) AS active_to, enabled, archived, author, note,
  saved_at`;

export interface OfferRow {
  offer_id: string;
  version: number;
  kind: string;
  name: string;
  description: string;
  stages: string[];
  statuses: string[];
  tiers: string[];
  min_idle_days: number | null;
  max_idle_days: number | null;
  min_level: number | null;
  max_level: number | null;
  servers: string[];
  min_clv: string | null;
  max_clv: string | null;
  risk_tiers: string[];
  reward: string;
  /** JSON of OfferTexts. */
  texts: string;
  cost_kind: string;
  fixed_cost: string;
  spend_share: number;
  assumed_uplift: number;
  holdout_share: number;
  active_from: string;
  active_to: string | null;
  enabled: number;
  archived: number;
  author: string;
  note: string;
  saved_at: string;
}
