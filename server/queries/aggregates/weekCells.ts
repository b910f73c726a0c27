import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';
import { membersIn } from './dayCells.ts';

/** toStartOfWeek modes kept: 1 = weeks from Monday, 0 = from Sunday (the server's setting picks one). */
export const WEEK_MODES = [0, 1] as const;

/** Weeks after a cohort's week that a cell is kept for (W12). */
const CELL_WEEKS = 12;

/**
 * Recomputes cohort_week_cells of one week mode for the whole weeks from the one
 * holding {from:Date} on and every week of the cohort weeks holding a day of
 * {changed:Array(Date)}: per cohort week, activity week and starting
 * attributes, the distinct members active in that week.
 */
export async function refreshWeekCells(db: Db, wmode: (typeof WEEK_MODES)[number], from: string, changed: string[]): Promise<void> {
  const params = { wmode, from, changed };
  const since = 'toStartOfWeek({from:Date}, {wmode:UInt8})';
  const changedWeeks = 'arrayMap(x -> toStartOfWeek(x, {wmode:UInt8}), {changed:Array(Date)})';
  const inChangedWeek = `has(${changedWeeks}, toStartOfWeek(first_day, {wmode:UInt8}))`;
  await exec(db, `DELETE FROM cohort_week_cells WHERE wmode = {wmode:UInt8} AND (week >= ${since} OR has(${changedWeeks}, cohort))`, params);
  await exec(
    db,
    `INSERT INTO cohort_week_cells
     SELECT {wmode:UInt8} AS wmode, toStartOfWeek(m.first_day, {wmode:UInt8}) AS cohort, toStartOfWeek(d.day, {wmode:UInt8}) AS week,
            m.server AS server, m.platform AS platform, m.channel AS channel, uniqExact(d.player_id) AS players
     FROM (
       SELECT player_id, day FROM player_daily
       WHERE ${ACTIVE_DAY}
         AND (day >= ${since}
              OR player_id IN (SELECT player_id FROM cohort_members WHERE ${inChangedWeek}))
     ) AS d
     INNER JOIN (${membersIn(since, inChangedWeek)}) AS m ON m.player_id = d.player_id
     WHERE (week >= ${since} OR has(${changedWeeks}, cohort)) AND week <= cohort + ${7 * CELL_WEEKS}
     GROUP BY cohort, week, server, platform, channel`,
    params,
  );
}
