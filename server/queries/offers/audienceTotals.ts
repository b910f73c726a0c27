import type { AudienceTotals, OfferDefinition } from '../../../contract/offers.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { audienceTotalsSql, pricedSql, type AudienceQueryOptions } from './audienceSql.ts';
import { valueOfRow } from './valueSums.ts';

/** Count, total cost, expected CLV and value sums of one offer's audience, and how many members the model vs the fallback priced. */
export async function audienceTotals(
  db: Db,
  offer: Pick<OfferDefinition, 'stages' | 'conditions' | 'cost'>,
  opts: AudienceQueryOptions,
): Promise<AudienceTotals> {
  const q = audienceTotalsSql(pricedSql(offer, opts));
  const r = (await one<Record<string, string | number>>(db, q.sql, q.params)) ?? {};
  return {
    members: Number(r.members ?? 0),
    totalCost: String(r.total_cost ?? '0'),
    totalClv: String(r.total_clv ?? '0'),
    modelClv: Number(r.model_clv ?? 0),
    fallbackClv: Number(r.fallback_clv ?? 0),
    ...valueOfRow(r),
  };
}
