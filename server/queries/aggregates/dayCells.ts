import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';

/** Days after a cohort's first day that a cell is kept for: W12 of a weekly cohort ends at most 90 days after it. */
export const CELL_DAYS = 90;

/**
 * Recomputes cohort_day_cells for the activity days from {from:Date} on and
 * every day of the cohorts in {changed:Array(Date)}: per cohort, day and
 * starting attributes, the members active that day and their revenue.
 */
export async function refreshDayCells(db: Db, from: string, changed: string[]): Promise<void> {
  const params = { from, changed };
  await exec(db, `DELETE FROM cohort_day_cells WHERE day >= {from:Date} OR has({changed:Array(Date)}, cohort)`, params);
  await exec(
    db,
    `INSERT INTO cohort_day_cells
     SELECT m.first_day AS cohort, d.day AS day, m.server AS server, m.platform AS platform, m.channel AS channel,
            countIf(d.active) AS players, sum(d.revenue) AS revenue
     FROM (
       SELECT player_id, day, max(${ACTIVE_DAY}) AS active, sum(revenue) AS revenue
       FROM player_daily
       WHERE day >= {from:Date} OR player_id IN (SELECT player_id FROM cohort_members WHERE has({changed:Array(Date)}, first_day))
       GROUP BY player_id, day
     ) AS d
     INNER JOIN cohort_members AS m ON m.player_id = d.player_id
     WHERE (d.day >= {from:Date} OR has({changed:Array(Date)}, m.first_day)) AND d.day <= m.first_day + ${CELL_DAYS}
     GROUP BY cohort, day, server, platform, channel
     HAVING players > 0 OR revenue != 0`,
    params,
  );
}
