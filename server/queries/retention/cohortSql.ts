/**
 * SQL fragments shared by the cohort queries. Parameters: {from:Date} {to:Date}
 * (first days of the cohorts wanted), {server:String} {platform:String}
 * {channel:String} ('' = any), {wmode:UInt8} (toStartOfWeek mode: 1 = weeks
 * start on Monday, 0 = Sunday).
 */
import type { Grain } from '../../../contract/retention.ts';

export type { Grain };

/** The cohort a first day belongs to. */
export const cohortOf = (grain: Grain, day: string) => (grain === 'day' ? day : `toStartOfWeek(${day}, {wmode:UInt8})`);

/** Periods (days or weeks) from the cohort to an activity day. */
export const periodOf = (grain: Grain, day: string) =>
  grain === 'day' ? `dateDiff('day', cohort, ${day})` : `intDiv(dateDiff('day', cohort, toStartOfWeek(${day}, {wmode:UInt8})), 7)`;

/**
 * Cohort members: players new (first session or payment ever, game-zone day)
 * in the range. A player belongs to the cohorts of the server, platform and
 * channel they started on (player_attributes: of their earliest event carrying
 * one), and stays in them wherever they play later; their activity anywhere
 * counts as retention. Columns: player_id, first_day, cohort.
 */
export function cohortMembers(grain: Grain): string {
  return `SELECT player_id, first AS first_day, ${cohortOf(grain, 'first')} AS cohort
    FROM (
      SELECT player_id, min(first_day) AS first, argMinMerge(server) AS first_server,
             argMinMerge(platform) AS first_platform, argMinMerge(channel) AS first_channel
      FROM player_attributes GROUP BY player_id
    )
    WHERE first BETWEEN {from:Date} AND {to:Date}
      AND ({server:String} = '' OR first_server = {server:String})
      AND ({platform:String} = '' OR first_platform = {platform:String})
      AND ({channel:String} = '' OR first_channel = {channel:String})`;
}

/**
 * The cohort range and filters over a stored aggregate of sql/028 (cohort_members,
 * cohort_day_cells) whose rows carry a first day as `day` and the starting
 * server, platform and channel as columns of those names.
 */
export function storedCohortFilter(day: 'first_day' | 'cohort'): string {
  return `${day} BETWEEN {from:Date} AND {to:Date}
      AND ({server:String} = '' OR server = {server:String})
      AND ({platform:String} = '' OR platform = {platform:String})
      AND ({channel:String} = '' OR channel = {channel:String})`;
}

/** Stored cohort members in the range (cohort_members): columns first_day, cohort, last_active. */
export function storedMembers(grain: Grain): string {
  return `SELECT first_day, ${cohortOf(grain, 'first_day')} AS cohort, last_active FROM cohort_members WHERE ${storedCohortFilter('first_day')}`;
}
