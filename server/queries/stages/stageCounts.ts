import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { latestInForce } from './inForce.ts';

export interface StageCountRow {
  stage: string;
  status: string;
  players: number;
  revenue: string;
}

/** Stage and status counts on one day, from the daily snapshot (latest computation of that day under the rules in force). */
export async function stageCountsOn(db: Db, day: string, server: string): Promise<StageCountRow[]> {
  return rows<StageCountRow>(
    db,
    `SELECT stage, status, sum(players) AS players, toString(sum(spend_r)) AS revenue
     FROM stage_daily
     WHERE day = {day:Date} AND ({server:String} = '' OR server_id = {server:String})
       AND ${latestInForce('stage_daily', 'day')}
     GROUP BY stage, status`,
    { day, server },
  );
}
