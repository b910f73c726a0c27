/**
 * SQL fragments shared by the cohort queries. Parameters: {from:Date} {to:Date}
 * (first days of the cohorts wanted), {server:String} {platform:String}
 * {channel:String} ('' = any), {wmode:UInt8} (toStartOfWeek mode: 1 = weeks
 * start on Monday, 0 = Sunday).
 */
export type Grain = 'day' | 'week';

/** The cohort a first day belongs to. */
export const cohortOf = (grain: Grain, day: string) => (grain === 'day' ? day : `toStartOfWeek(${day}, {wmode:UInt8})`);

/** Periods (days or weeks) from the cohort to an activity day. */
export const periodOf = (grain: Grain, day: string) =>
  grain === 'day' ? `dateDiff('day', cohort, ${day})` : `intDiv(dateDiff('day', cohort, toStartOfWeek(${day}, {wmode:UInt8})), 7)`;

/**
 * Cohort members: players new (first session or payment ever, game-zone day)
 * in the range, by the server, platform and channel they started on.
 * Columns: player_id, first_day, cohort.
 */
export function cohortMembers(grain: Grain): string {
  return `SELECT f.player_id AS player_id, f.first_day AS first_day, ${cohortOf(grain, 'f.first_day')} AS cohort
    FROM (
      SELECT player_id, min(first) AS first_day, argMin(server_id, first) AS first_server
      FROM (SELECT player_id, server_id, min(first_day) AS first FROM player_server_first GROUP BY player_id, server_id)
      GROUP BY player_id
    ) AS f
    LEFT JOIN (
      SELECT player_id, argMinMerge(platform) AS platform, argMinMerge(channel) AS channel
      FROM player_attributes GROUP BY player_id
    ) AS a ON a.player_id = f.player_id
    WHERE f.first_day BETWEEN {from:Date} AND {to:Date}
      AND ({server:String} = '' OR f.first_server = {server:String})
      AND ({platform:String} = '' OR a.platform = {platform:String})
      AND ({channel:String} = '' OR a.channel = {channel:String})`;
}
