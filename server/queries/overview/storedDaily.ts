import type { DailyRow, RangeQuery } from '../../../contract/overview.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { dailyRowsSql } from './dailyRows.ts';

/** dailySeries from the stored overview_daily (sql/028): one server's rows, or the all-servers ones. */
export async function storedDailySeries(db: Db, f: RangeQuery): Promise<DailyRow[]> {
  return rows<DailyRow>(
    db,
    dailyRowsSql(
      'k.new_players',
      `LEFT JOIN (
       SELECT day, dau, payers, revenue, new_players FROM overview_daily
       WHERE day BETWEEN {from:Date} AND {to:Date} AND total = ({server:String} = '') AND server_id = {server:String}
     ) AS k ON k.day = d.day`,
    ),
    { ...f },
  );
}
