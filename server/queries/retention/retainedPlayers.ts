import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { addDays } from '../../days.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';
import { cohortMembers, periodOf, type Grain } from './cohortSql.ts';
import type { CohortFilter } from './filter.ts';

export interface RetainedCell {
  cohort: string;
  n: number;
  players: number;
}

/**
 * Cohort members active (at least one session) in period n after their cohort
 * started, n = 0..maxN. Classic: active in period n itself; unbounded: active
 * in period n or any later one (their last active period is n or later).
 */
export async function retainedPlayers(db: Db, grain: Grain, mode: 'classic' | 'unbounded', maxN: number, f: CohortFilter): Promise<RetainedCell[]> {
  // Classic retention reads no day past the last period of the last cohort; unbounded reads every later day
  // (2149-06-06 is the last day a Date holds).
  const until = mode === 'classic' ? addDays(f.to, grain === 'day' ? maxN : 7 * maxN + 6) : '2149-06-06';
  const activeDays = `SELECT player_id, day FROM player_daily WHERE ${ACTIVE_DAY} AND day BETWEEN {from:Date} AND {until:Date} GROUP BY player_id, day`;
  const sql =
    mode === 'classic'
      ? `SELECT toString(cohort) AS cohort, n, uniqExact(player_id) AS players
         FROM (
           SELECT m.player_id AS player_id, m.cohort AS cohort, ${periodOf(grain, 'd.day')} AS n
           FROM (${cohortMembers(grain)}) AS m
           INNER JOIN (${activeDays}) AS d ON d.player_id = m.player_id
           WHERE d.day >= m.first_day
         )
         WHERE n BETWEEN 0 AND {maxN:UInt16}
         GROUP BY cohort, n ORDER BY cohort, n`
      : `SELECT toString(cohort) AS cohort, arrayJoin(range(toUInt16(least(last_n, {maxN:UInt16}) + 1))) AS n, count() AS players
         FROM (
           SELECT player_id, cohort, max(n) AS last_n
           FROM (
             SELECT m.player_id AS player_id, m.cohort AS cohort, ${periodOf(grain, 'd.day')} AS n
             FROM (${cohortMembers(grain)}) AS m
             INNER JOIN (${activeDays}) AS d ON d.player_id = m.player_id
             WHERE d.day >= m.first_day
           )
           GROUP BY player_id, cohort
         )
         GROUP BY cohort, n ORDER BY cohort, n`;
  return rows<RetainedCell>(db, sql, { ...f, maxN, until });
}
