import type { DailyRow, RangeQuery } from '../../../contract/overview.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/** One row per day of the range (days without activity included, as zeros). */
export async function dailySeries(db: Db, f: RangeQuery): Promise<DailyRow[]> {
  return rows<DailyRow>(
    db,
    `SELECT d.day AS day, ifNull(k.dau, 0) AS dau, ifNull(n.new_players, 0) AS newPlayers,
            ifNull(k.payers, 0) AS payers, toString(ifNull(k.revenue, toDecimal128(0, 4))) AS revenue
     FROM (SELECT {from:Date} + number AS day FROM numbers(dateDiff('day', {from:Date}, {to:Date}) + 1)) AS d
     LEFT JOIN daily_kpi(from = {from:Date}, to = {to:Date}, server = {server:String}) AS k ON k.day = d.day
     LEFT JOIN daily_new_players(from = {from:Date}, to = {to:Date}, server = {server:String}) AS n ON n.day = d.day
     ORDER BY d.day`,
    { ...f },
  );
}
