import type { TierRow, ValueQuery } from '../../../contract/value.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { type StageSource, stagesOn } from '../stages/stagesOn.ts';

/** Players and lifetime spend per value tier as of a day (tiers rank payers game-wide; the server filter picks players by their server). */
export async function valueTiers(db: Db, q: ValueQuery & { source: StageSource }): Promise<TierRow[]> {
  return rows(
    db,
    `SELECT tier, count() AS players, toString(sum(lifetime_spend)) AS lifetimeSpend
     FROM ${stagesOn(q.source, 'asOf')}
     WHERE {server:String} = '' OR server_id = {server:String}
     GROUP BY tier ORDER BY tier`,
    q,
  );
}
