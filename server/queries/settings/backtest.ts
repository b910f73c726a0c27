import type { BacktestRow } from '../../../contract/settings.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import type { Rules } from '../../../contract/settings.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';
import { draftRef, playerStageSql } from '../stages/playerStageSql.ts';

/** The horizon a stage is judged on: what its players did in the 28 days after the day. */
export const BACKTEST_DAYS = 28;

/**
 * For a past day: the players of each stage (active base, lost left out) under
 * the active rules or a draft, and how they behaved in the 28 days after it.
 */
export async function backtest(db: Db, day: string, draft?: Rules): Promise<BacktestRow[]> {
  const stages = draft ? `(${playerStageSql(draftRef)})` : `player_stage(as_of = {as_of:Date})`;
  return rows<BacktestRow>(
    db,
    `SELECT s.stage AS stage, count() AS players, countIf(a.active_days > 0) AS stillActive, players - stillActive AS lapsed,
            round(stillActive / players, 4) AS stillActiveShare, round(lapsed / players, 4) AS lapsedShare,
            toString(round(toDecimal128(sum(a.revenue), 8) / count(), 4)) AS revenuePerPlayer
     FROM (SELECT player_id, stage FROM ${stages} WHERE status != 'lost') AS s
     LEFT JOIN (
       SELECT player_id, countIf(${ACTIVE_DAY}) AS active_days, sum(revenue) AS revenue
       FROM player_daily WHERE day > {as_of:Date} AND day <= {as_of:Date} + {days:UInt16}
       GROUP BY player_id
     ) AS a ON a.player_id = s.player_id
     GROUP BY stage ORDER BY stage
     SETTINGS join_use_nulls = 0`,
    { ...(draft ?? {}), as_of: day, days: BACKTEST_DAYS },
  );
}
