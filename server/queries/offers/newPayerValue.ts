import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { type StageSource, stagesOn } from '../stages/stagesOn.ts';
import { audienceBaseSql, baseParams, type AudienceQueryOptions } from './audienceSql.ts';

/**
 * The players who became payers after {from:Date} (payers on as_of, not
 * payers on `from`, new players included) and their mean value if kept
 * (audienceSql.ts), as Decimal(18, 4) text rounded at 4 places: what a
 * non-payer is worth once converted.
 */
export async function newPayerValue(db: Db, opts: AudienceQueryOptions, from: { day: string; source: StageSource }): Promise<{ payers: number; mean: string }> {
  const r = await one<{ payers: string; mean: string }>(
    db,
    `SELECT count() AS payers,
            toString(if(payers = 0, toDecimal128(0, 4), CAST(round(sum(toDecimal128(value_kept, 10)) / payers, 4) AS Decimal(18, 4)))) AS mean
     FROM (${audienceBaseSql(opts.source)})
     WHERE lifetime_spend > 0
       AND player_id NOT IN (SELECT player_id FROM ${stagesOn(from.source, 'from')} WHERE lifetime_spend > 0)`,
    { ...baseParams(opts), from: from.day },
  );
  return { payers: Number(r?.payers ?? 0), mean: r?.mean ?? '0' };
}
