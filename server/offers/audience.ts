import type { AudienceMember, AudienceSort, AudienceTotals, OfferAudience, OfferDefinition, OfferVersion } from '../../contract/offers.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { one, rows } from '../db/query.ts';
import { audienceMembersSql, audienceSql, audienceTotalsSql, manyTotalsSql } from '../queries/offers/audienceSql.ts';
import { economics } from './economics.ts';

/**
 * An offer's audience as of a day (see server/queries/offers/audienceSql.ts
 * for who is in it and how expected CLV is estimated when a player has no
 * model score). Used by the proposals and what-if here, by launches to freeze
 * an audience (all members, no page) and by the win-back pricing.
 */

export interface AudiencePage {
  limit: number;
  offset: number;
  sort?: AudienceSort;
}

type Offer = Pick<OfferDefinition, 'stages' | 'conditions' | 'cost'>;

/** Days of value the CLV horizon covers: the months of cfg.clv at an average month length. */
export const horizonDays = (cfg: Config): number => (cfg.clv.horizonMonths * 365.25) / 12;

interface MemberRow {
  player_id: string;
  server_id: string;
  stage: AudienceMember['stage'];
  status: AudienceMember['status'];
  tier: AudienceMember['tier'];
  idle_days: number;
  max_level: number;
  lifetime_spend: string;
  p_alive: number | null;
  churn_risk: AudienceMember['churnRisk'];
  expected_clv: string;
  clv_source: AudienceMember['clvSource'];
  cost: string;
}

export interface Audience {
  asOf: string;
  members: AudienceMember[];
}

/**
 * The members, highest expected CLV first unless `page.sort` says otherwise;
 * every member when no page is given (a launch freezing its audience).
 */
export async function offerAudience(db: Db, cfg: Config, offer: Offer, asOf: string, page?: AudiencePage): Promise<Audience> {
  const base = audienceSql(offer, { asOf, horizonDays: horizonDays(cfg) });
  const q = audienceMembersSql(base, page?.sort ?? 'clv', page ? { limit: page.limit, offset: page.offset } : undefined);
  const found = await rows<MemberRow>(db, q.sql, q.params);
  const members = found.map((r): AudienceMember => ({
    playerId: r.player_id,
    serverId: r.server_id,
    stage: r.stage,
    status: r.status,
    tier: r.tier,
    idleDays: Number(r.idle_days),
    maxLevel: Number(r.max_level),
    lifetimeSpend: r.lifetime_spend,
    pAlive: r.p_alive === null ? null : Number(r.p_alive),
    churnRisk: r.churn_risk,
    expectedClv: r.expected_clv,
    clvSource: r.clv_source,
    cost: r.cost,
  }));
  return { asOf, members };
}

/** Count, total cost and expected CLV of the audience, and how many members the model vs the fallback priced. */
export async function audienceTotals(db: Db, cfg: Config, offer: Offer, asOf: string): Promise<AudienceTotals> {
  const q = audienceTotalsSql(audienceSql(offer, { asOf, horizonDays: horizonDays(cfg) }));
  const r = await one<{ members: number; total_cost: string; total_clv: string; model_clv: number; fallback_clv: number }>(db, q.sql, q.params);
  return {
    members: Number(r?.members ?? 0),
    totalCost: r?.total_cost ?? '0',
    totalClv: r?.total_clv ?? '0',
    modelClv: Number(r?.model_clv ?? 0),
    fallbackClv: Number(r?.fallback_clv ?? 0),
  };
}

/**
 * The totals of several offers' audiences on one day, in one pass over the
 * players (the proposals price every active offer at once); same order as `offers`.
 */
export async function audienceTotalsOfMany(db: Db, cfg: Config, offers: readonly Offer[], asOf: string): Promise<AudienceTotals[]> {
  if (offers.length === 0) return [];
  const q = manyTotalsSql(offers, { asOf, horizonDays: horizonDays(cfg) });
  const r = (await one<Record<string, string | number>>(db, q.sql, q.params)) ?? {};
  return offers.map((_o, i) => ({
    members: Number(r[`members_${i}`] ?? 0),
    totalCost: String(r[`total_cost_${i}`] ?? '0'),
    totalClv: String(r[`total_clv_${i}`] ?? '0'),
    modelClv: Number(r[`model_clv_${i}`] ?? 0),
    fallbackClv: Number(r[`fallback_clv_${i}`] ?? 0),
  }));
}

/**
 * One page of an offer's audience on `asOf` (default: the last data day) with
 * its totals and economics, as GET /api/offers/:id/audience answers it.
 */
export async function audiencePage(db: Db, cfg: Config, offer: OfferVersion, page: Required<AudiencePage>, asOf?: string): Promise<OfferAudience> {
  const day = await resolveAsOf(db, asOf);
  if (!day) return { asOf: null, offer, totals: null, economics: null, members: [], ...page };
  const [totals, { members }] = await Promise.all([audienceTotals(db, cfg, offer, day), offerAudience(db, cfg, offer, day, page)]);
  return { asOf: day, currency: cfg.baseCurrency, offer, totals, economics: economics(offer, totals), members, ...page };
}
