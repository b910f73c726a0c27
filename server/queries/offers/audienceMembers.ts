import type { AudienceMember, AudienceSort, OfferDefinition } from '../../../contract/offers.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { audienceMembersSql, audienceSql, type AudienceQueryOptions } from './audienceSql.ts';

/** A member as audienceSql.ts's MEMBER_COLUMNS give it. */
export interface MemberRow {
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
  p_churn: number;
  churn_scored: number | boolean;
  value_if_kept: string;
}

/** An offer's audience members in `sort` order, one page or (no page) all of them. */
export async function audienceMembers(
  db: Db,
  offer: Pick<OfferDefinition, 'stages' | 'conditions' | 'cost'>,
  opts: AudienceQueryOptions,
  sort: AudienceSort,
  page?: { limit: number; offset: number },
): Promise<AudienceMember[]> {
  const q = audienceMembersSql(audienceSql(offer, opts), sort, page);
  return (await rows<MemberRow>(db, q.sql, q.params)).map(memberOf);
}

export function memberOf(r: MemberRow): AudienceMember {
  return {
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
    pChurn: Number(r.p_churn),
    churnScored: Number(r.churn_scored) === 1,
    valueIfKept: r.value_if_kept,
  };
}
