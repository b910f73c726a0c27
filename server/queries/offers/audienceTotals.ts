import type { AudienceTotals, OfferDefinition } from '../../../contract/offers.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { audienceSql, audienceTotalsSql, type AudienceQueryOptions } from './audienceSql.ts';

/** Count, total cost and expected CLV of one offer's audience, and how many members the model vs the fallback priced. */
export async function audienceTotals(
  db: Db,
  offer: Pick<OfferDefinition, 'stages' | 'conditions' | 'cost'>,
  opts: AudienceQueryOptions,
): Promise<AudienceTotals> {
  const q = audienceTotalsSql(audienceSql(offer, opts));
  const r = await one<{ members: number; total_cost: string; total_clv: string; model_clv: number; fallback_clv: number }>(db, q.sql, q.params);
  return {
    members: Number(r?.members ?? 0),
    totalCost: r?.total_cost ?? '0',
    totalClv: r?.total_clv ?? '0',
    modelClv: Number(r?.model_clv ?? 0),
    fallbackClv: Number(r?.fallback_clv ?? 0),
  };
}
