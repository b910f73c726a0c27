import type { ProjectionGrain } from '../../../contract/models.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';
import { storedCohortFilter } from '../retention/cohortSql.ts';

/** The cohort of a first day, and the period of an active day from the cohort's start; {wmode:UInt8} as in cohortSql.ts. */
const COHORT: Record<ProjectionGrain, string> = { week: 'toStartOfWeek(first_day, {wmode:UInt8})', month: 'toStartOfMonth(first_day)' };
const PERIOD: Record<ProjectionGrain, string> = {
  week: `intDiv(dateDiff('day', m.cohort_start, toStartOfWeek(d.day, {wmode:UInt8})), 7)`,
  month: `dateDiff('month', m.cohort_start, toStartOfMonth(d.day))`,
};

export interface StayEndCount {
  cohort: string;
  /** The last period of the member's first stay: the active period followed by `quiet` periods without a session, or their last active one. */
  stayEnd: number;
  players: number;
}

/**
 * Members of the weekly or monthly cohorts starting in {from:Date}..{to:Date}
 * (players new then, on {server:String}, '' = all) counted by the end of their
 * first stay, read from their active periods up to {until:Date} (the end of the
 * last complete period): every member is there in period 0, and a stay ends at
 * the first active period followed by `quiet` periods without a session (or at
 * the last active one). `quiet` is a constant of the caller, never input.
 * The members come from the stored cohort_members (kept by the refresh after
 * each load) rather than from grouping every player's attributes again.
 */
export async function cohortStayEnds(
  db: Db,
  grain: ProjectionGrain,
  quiet: number,
  q: { from: string; to: string; until: string; server: string; wmode: number },
): Promise<StayEndCount[]> {
  if (!(Number.isInteger(quiet) && quiet >= 1)) throw new RangeError(`quiet must be a whole number of periods >= 1, got ${quiet}`);
  return rows<StayEndCount>(
    db,
    `SELECT toString(cohort_start) AS cohort,
            arrayFirst((p, i) -> i = length(ps) OR ps[i + 1] - p > ${quiet}, ps, arrayEnumerate(ps)) AS stayEnd,
            count() AS players
     FROM (
       SELECT m.player_id AS player_id, m.cohort_start AS cohort_start,
              arraySort(arrayDistinct(arrayPushFront(groupArrayIf(${PERIOD[grain]}, d.player_id != ''), 0))) AS ps
       FROM (SELECT player_id, ${COHORT[grain]} AS cohort_start FROM cohort_members WHERE ${storedCohortFilter('first_day')}) AS m
       LEFT JOIN (
         SELECT player_id, day FROM player_daily
         WHERE ${ACTIVE_DAY} AND day >= {from:Date} AND day <= {until:Date}
       ) AS d ON d.player_id = m.player_id
       GROUP BY player_id, cohort_start
     )
     GROUP BY cohort_start, stayEnd
     ORDER BY cohort_start, stayEnd
     SETTINGS join_use_nulls = 0`,
    { ...q, platform: '', channel: '' },
  );
}
