import type { DailyRow, RangeQuery } from '../../../contract/overview.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { dailyRowsSql } from './dailyRows.ts';

/** One row per day of the range (days without activity included, as zeros). */
export async function dailySeries(db: Db, f: RangeQuery): Promise<DailyRow[]> {
  return rows<DailyRow>(
    db,
    dailyRowsSql(
      'n.new_players',
      `LEFT JOIN daily_kpi(from = {from:Date}, to = {to:Date}, server = {server:String}) AS k ON k.day = d.day
     LEFT JOIN daily_new_players(from = {from:Date}, to = {to:Date}, server = {server:String}) AS n ON n.day = d.day`,
    ),
    { ...f },
  );
}
