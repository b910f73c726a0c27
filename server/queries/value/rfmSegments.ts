import type { RfmSegmentRow, ValueQuery } from '../../../contract/value.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { rfmSegmentSql } from './rfmSegmentSql.ts';
import { PAYERS } from './valueSql.ts';

/**
 * Payers per RFM segment with the revenue they brought, as of a day. Scores
 * are quintiles (ntile) among payers; ties in a measure are broken by player
 * id so every quintile holds the same number of payers.
 */
export async function rfmSegments(db: Db, q: ValueQuery): Promise<RfmSegmentRow[]> {
  return rows(
    db,
    `SELECT ${rfmSegmentSql()} AS segment, count() AS players, toString(sum(spend)) AS lifetimeSpend, round(avg(m), 2) AS avgMonetary
     FROM (
       SELECT spend,
              ntile(5) OVER (ORDER BY dateDiff('day', last_pay_day, {asOf:Date}) DESC, player_id) AS r,
              ntile(5) OVER (ORDER BY paying_days, player_id) AS f,
              ntile(5) OVER (ORDER BY spend, player_id) AS m
       FROM (${PAYERS})
     )
     GROUP BY segment ORDER BY segment`,
    q,
  );
}
