import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { activeDayOf } from '../metrics/activity.ts';

export interface LaunchGroupRow {
  launchId: string;
  group: 'treatment' | 'holdout';
  members: number;
  /** Members active (a session) on at least one day of the window. */
  returned: number;
  /** Members with revenue in the window. */
  payers: number;
  revenue: string;
  revenuePerPlayer: string;
  /** Mean and sample variance of each member's window revenue, for the statistics only. */
  revenueMean: number;
  revenueVariance: number;
}

/**
 * Per launch and group: how the members behaved in the measurement window
 * (as_of, least(as_of + window_days, last)] from player_daily. `last` is the
 * last day with data, so a window still running counts the days so far.
 * launch '' = every launch (the list's headline).
 */
export function launchGroups(db: Db, q: { launch: string; last: string }): Promise<LaunchGroupRow[]> {
  return rows<LaunchGroupRow>(
    db,
    `WITH l AS (
       SELECT launch_id, as_of, least(as_of + window_days, {last:Date}) AS end_day
       FROM offer_launches FINAL WHERE {launch:String} = '' OR launch_id = {launch:String}
     ),
     m AS (
       SELECT m0.launch_id AS launch_id, m0.player_id AS player_id, m0.grp AS grp, l.as_of AS as_of, l.end_day AS end_day
       FROM offer_launch_members AS m0 INNER JOIN l ON l.launch_id = m0.launch_id
     ),
     d AS (
       SELECT m.launch_id AS launch_id, m.player_id AS player_id,
              uniqExactIf(pd.day, ${activeDayOf('pd')}) AS active_days, sum(pd.revenue) AS revenue
       FROM player_daily AS pd INNER JOIN m ON m.player_id = pd.player_id
       WHERE pd.player_id IN (SELECT player_id FROM m) AND pd.day > m.as_of AND pd.day <= m.end_day
       GROUP BY launch_id, player_id
     )
     SELECT m.launch_id AS launchId, toString(m.grp) AS group, count() AS members,
            countIf(d.active_days > 0) AS returned, countIf(d.revenue > 0) AS payers,
            toString(sum(d.revenue)) AS revenue, toString(toDecimal128(sum(d.revenue) / count(), 4)) AS revenuePerPlayer,
            avg(toFloat64(d.revenue)) AS revenueMean, if(count() > 1, varSamp(toFloat64(d.revenue)), 0) AS revenueVariance
     FROM m LEFT JOIN d ON d.launch_id = m.launch_id AND d.player_id = m.player_id
     GROUP BY launchId, group
     ORDER BY launchId, group
     SETTINGS join_use_nulls = 0`,
    q,
  );
}
