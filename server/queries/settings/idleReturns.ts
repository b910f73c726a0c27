import type { IdleReturnRow } from '../../../contract/settings.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';

/**
 * For a past day: the players idle for at least the first edge on that day, in
 * buckets of idle days (each from one edge to the next), and how many of them
 * had a session again in the `days` after it. Idle days count from the last day
 * with any activity, as the stage rules count them. What this shows is where
 * coming back stops being likely: the evidence for the lapsed and lost thresholds.
 */
export async function idleReturns(db: Db, q: { day: string; days: number; edges: readonly number[] }): Promise<IdleReturnRow[]> {
  return rows<IdleReturnRow>(
    db,
    `SELECT fromIdleDays, if(idx < length({edges:Array(UInt16)}), {edges:Array(UInt16)}[idx + 1], NULL) AS toIdleDays,
            count() AS players, countIf(back) AS returned, round(returned / players, 4) AS returnedShare
     FROM (
       SELECT dateDiff('day', maxIf(day, day <= {day:Date}), {day:Date}) AS idle,
              arrayCount(e -> e <= idle, {edges:Array(UInt16)}) AS idx,
              {edges:Array(UInt16)}[idx] AS fromIdleDays,
              countIf(${ACTIVE_DAY} AND day > {day:Date}) > 0 AS back
       FROM player_daily
       WHERE day <= {day:Date} + {days:UInt16}
       GROUP BY player_id
       HAVING min(day) <= {day:Date} AND idx > 0
     )
     GROUP BY idx, fromIdleDays ORDER BY idx`,
    { day: q.day, days: q.days, edges: [...q.edges] },
  );
}
