import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';

/** Days after a cohort's first day that a cell is kept for: W12 of a weekly cohort ends at most 90 days after it. */
export const CELL_DAYS = 90;

const CHANGED = 'has({changed:Array(Date)}, first_day)';

/**
 * The members whose cells a refresh from `since` (an SQL Date expression of
 * constants and parameters) can change: cohorts recent enough to have a cell
 * on a day from then on, and those of the `changed` condition (constant SQL).
 * Cohorts are the table's order, so only those are read (and held for the
 * join); Date32, since a full fill starts in the first days a Date holds.
 */
export const membersIn = (since: string, changed: string) =>
  `SELECT player_id, first_day, server, platform, channel FROM cohort_members WHERE first_day >= toDate32(${since}) - ${CELL_DAYS} OR ${changed}`;

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
       WHERE day >= {from:Date} OR player_id IN (SELECT player_id FROM cohort_members WHERE ${CHANGED})
       GROUP BY player_id, day
     ) AS d
     INNER JOIN (${membersIn('{from:Date}', CHANGED)}) AS m ON m.player_id = d.player_id
     WHERE (d.day >= {from:Date} OR has({changed:Array(Date)}, m.first_day)) AND d.day <= m.first_day + ${CELL_DAYS}
     GROUP BY cohort, day, server, platform, channel
     HAVING players > 0 OR revenue != 0`,
    params,
  );
}
