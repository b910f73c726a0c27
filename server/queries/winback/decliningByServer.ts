import type { Db } from '../../db/client.ts';
import { rows, type Params } from '../../db/query.ts';

export interface DecliningBase {
  serverId: string;
  leaving: number;
  lapsed: number;
  /** Sums as Decimal text. */
  lifetimeSpend: string;
  expectedClv: string;
  cost: string;
}

/** The leaving and lapsed players of each server with their lifetime spend, expected CLV and cost, over pricedSql's rows. */
export async function decliningByServer(db: Db, priced: { sql: string; params: Params }): Promise<DecliningBase[]> {
  const r = await rows<DecliningBase & { leaving: string; lapsed: string }>(
    db,
    `SELECT server_id AS serverId, countIf(status != 'lapsed') AS leaving, countIf(status = 'lapsed') AS lapsed,
            toString(sum(lifetime_spend)) AS lifetimeSpend, toString(sum(clv_value)) AS expectedClv, toString(sum(cost_value)) AS cost
     FROM (${priced.sql}) GROUP BY server_id`,
    priced.params,
  );
  return r.map((b) => ({ ...b, leaving: Number(b.leaving), lapsed: Number(b.lapsed) }));
}
