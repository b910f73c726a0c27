import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';
import { membersIn } from './dayCells.ts';

/** Weeks after a cohort's week that a cell is kept for (W12). */
const CELL_WEEKS = 12;

// Per toStartOfWeek mode (0: weeks from Sunday, 1: from Monday; the server's setting picks one), a constant in each
// fragment since the function takes no other: the first week refreshed, the weeks of the changed cohorts, and whether a
// first day falls in one of those.
const since = (mode: 0 | 1) => `toStartOfWeek({from:Date}, ${mode})`;
const changedWeeks = (mode: 0 | 1) => `arrayMap(x -> toStartOfWeek(x, ${mode}), {changed:Array(Date)})`;
const inChangedWeek = (mode: 0 | 1) => `has(${changedWeeks(mode)}, toStartOfWeek(first_day, ${mode}))`;
/** A cell of the region of one mode (over columns wmode, cohort, week). */
const inRegion = (mode: 0 | 1) => `(wmode = ${mode} AND (week >= ${since(mode)} OR has(${changedWeeks(mode)}, cohort)))`;

/**
 * Recomputes cohort_week_cells of both week modes, in one pass over the days:
 * the whole weeks from the one holding {from:Date} on and every week of the
 * cohort weeks holding a day of {changed:Array(Date)}; per cohort week,
 * activity week and starting attributes, the distinct members active in that week.
 */
export async function refreshWeekCells(db: Db, from: string, changed: string[]): Promise<void> {
  const params = { from, changed };
  await exec(db, `DELETE FROM cohort_week_cells WHERE ${inRegion(0)} OR ${inRegion(1)}`, params);
  const weeksOf = (mode: 0 | 1) => `(toUInt8(${mode}), toStartOfWeek(m.first_day, ${mode}), toStartOfWeek(d.day, ${mode}))`;
  await exec(
    db,
    `INSERT INTO cohort_week_cells
     SELECT wmode, cohort, week, server, platform, channel, uniqExact(player_id) AS players
     FROM (
       SELECT d.player_id AS player_id, m.server AS server, m.platform AS platform, m.channel AS channel,
              arrayJoin([${weeksOf(0)}, ${weeksOf(1)}]) AS t, t.1 AS wmode, t.2 AS cohort, t.3 AS week
       FROM (
         SELECT player_id, day FROM player_daily
         WHERE ${ACTIVE_DAY}
           AND (day >= least(${since(0)}, ${since(1)})
                OR player_id IN (SELECT player_id FROM cohort_members WHERE ${inChangedWeek(0)} OR ${inChangedWeek(1)}))
       ) AS d
       INNER JOIN (${membersIn(`least(${since(0)}, ${since(1)})`, `${inChangedWeek(0)} OR ${inChangedWeek(1)}`)}) AS m ON m.player_id = d.player_id
     )
     WHERE (${inRegion(0)} OR ${inRegion(1)}) AND week <= cohort + ${7 * CELL_WEEKS}
     GROUP BY wmode, cohort, week, server, platform, channel`,
    params,
  );
}
