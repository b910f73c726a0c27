import type { AudienceValue } from '../../../contract/offers.ts';
import type { Db } from '../../db/client.ts';
import { rows, type Params } from '../../db/query.ts';
import { valueSumsSql } from '../offers/audienceSql.ts';
import { valueOfRow } from '../offers/valueSums.ts';

export interface DecliningBase extends Pick<AudienceValue, 'churnSum' | 'valueIfKept' | 'valueAtRisk'> {
  serverId: string;
  leaving: number;
  lapsed: number;
  /** Sums as Decimal text. */
  lifetimeSpend: string;
  expectedClv: string;
  cost: string;
}

/** The leaving and lapsed players of each server with their lifetime spend, expected CLV, cost and value sums, over pricedSql's rows. */
export async function decliningByServer(db: Db, priced: { sql: string; params: Params }): Promise<DecliningBase[]> {
  const r = await rows<Record<string, string | number>>(
    db,
    `SELECT server_id AS serverId, countIf(status != 'lapsed') AS leaving, countIf(status = 'lapsed') AS lapsed,
            toString(sum(lifetime_spend)) AS lifetimeSpend, toString(sum(clv_value)) AS expectedClv, toString(sum(cost_value)) AS cost,
            ${valueSumsSql('1')}
     FROM (${priced.sql}) GROUP BY server_id`,
    priced.params,
  );
  return r.map((b) => {
    const v = valueOfRow(b);
    return {
      serverId: String(b.serverId),
      leaving: Number(b.leaving),
      lapsed: Number(b.lapsed),
      lifetimeSpend: String(b.lifetimeSpend),
      expectedClv: String(b.expectedClv),
      cost: String(b.cost),
      churnSum: v.churnSum,
      valueIfKept: v.valueIfKept,
      valueAtRisk: v.valueAtRisk,
    };
  });
}
