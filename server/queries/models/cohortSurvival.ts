import type { ProjectionGrain } from '../../../contract/models.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';
import { cohortMembers } from '../retention/cohortSql.ts';

/** The cohort of a first day, and the period of the last active day from the cohort's start; {wmode:UInt8} as in cohortSql.ts. */
const COHORT: Record<ProjectionGrain, string> = { week: 'toStartOfWeek(first_day, {wmode:UInt8})', month: 'toStartOfMonth(first_day)' };
const PERIOD: Record<ProjectionGrain, string> = {
  week: `intDiv(dateDiff('day', cohort_start, toStartOfWeek(last_active, {wmode:UInt8})), 7)`,
  month: `dateDiff('month', cohort_start, toStartOfMonth(last_active))`,
};

export interface LastPeriodCount {
  cohort: string;
  /** The period of the members' last active day (-1: never active, a payment-only start). */
  lastPeriod: number;
  players: number;
}

/**
 * Members of the weekly or monthly cohorts starting in {from:Date}..{to:Date}
 * (players new then, on {server:String}, '' = all) counted by the period of
 * their last active day up to {until:Date}: a member is still there at the end
 * of period t when they were active in a later period, the survival count a
 * shifted-beta-geometric fit takes.
 */
export async function cohortLastPeriods(
  db: Db,
  grain: ProjectionGrain,
  q: { from: string; to: string; until: string; server: string; wmode: number },
): Promise<LastPeriodCount[]> {
  return rows<LastPeriodCount>(
    db,
    `SELECT toString(cohort_start) AS cohort, if(last_active IS NULL, -1, ${PERIOD[grain]}) AS lastPeriod, count() AS players
     FROM (
       SELECT m.player_id AS player_id, ${COHORT[grain]} AS cohort_start, d.last_active AS last_active
       FROM (SELECT player_id, first_day FROM (${cohortMembers('day')})) AS m
       LEFT JOIN (
         SELECT player_id, max(day) AS last_active FROM player_daily
         WHERE ${ACTIVE_DAY} AND day >= {from:Date} AND day <= {until:Date} GROUP BY player_id
       ) AS d ON d.player_id = m.player_id
     )
     GROUP BY cohort_start, lastPeriod
     ORDER BY cohort_start, lastPeriod
     SETTINGS join_use_nulls = 1`,
    { ...q, platform: '', channel: '' },
  );
}
