import type { AudienceTotals, OfferDefinition } from '../../../contract/offers.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { manyTotalsSql, type AudienceQueryOptions } from './audienceSql.ts';
import { valueOfRow } from './valueSums.ts';

/** The totals of several offers' audiences in one pass over the players; same order as `offers`. */
export async function manyAudienceTotals(
  db: Db,
  offers: readonly Pick<OfferDefinition, 'stages' | 'conditions' | 'cost'>[],
  opts: AudienceQueryOptions,
): Promise<AudienceTotals[]> {
  if (offers.length === 0) return [];
  const q = manyTotalsSql(offers, opts);
  const r = (await one<Record<string, string | number>>(db, q.sql, q.params)) ?? {};
  return offers.map((_o, i) => ({
    members: Number(r[`members_${i}`] ?? 0),
    totalCost: String(r[`total_cost_${i}`] ?? '0'),
    totalClv: String(r[`total_clv_${i}`] ?? '0'),
    modelClv: Number(r[`model_clv_${i}`] ?? 0),
    fallbackClv: Number(r[`fallback_clv_${i}`] ?? 0),
    ...valueOfRow(r, `_${i}`),
  }));
}
