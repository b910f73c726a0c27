import type { LaunchTransition } from '../../../contract/launches.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { latestInForce } from '../stages/inForce.ts';

/**
 * Where a stage on the end day comes from: the stored snapshot of that day
 * (its latest computation under the rules in force) or, when the day has none, the stage view
 * evaluated for it. A fixed choice of two fragments, never user text.
 */
const STAGE_ON_DAY = {
  snapshot: `SELECT player_id, if(status = 'lost', 'lost', stage) AS key FROM player_stage_daily
             WHERE day = {end:Date} AND ${latestInForce('player_stage_daily', 'end')}
               AND player_id IN (SELECT player_id FROM offer_launch_members WHERE launch_id = {launch:String})`,
  view: `SELECT player_id, if(status = 'lost', 'lost', stage) AS key FROM player_stage(as_of = {end:Date})
         WHERE player_id IN (SELECT player_id FROM offer_launch_members WHERE launch_id = {launch:String})`,
} as const;

export function launchTransitions(db: Db, q: { launch: string; end: string; source: keyof typeof STAGE_ON_DAY }): Promise<LaunchTransition[]> {
  return rows<LaunchTransition>(
    db,
    `SELECT toString(m.grp) AS group, toString(if(m.status = 'lost', 'lost', m.stage)) AS from, if(s.key = '', 'unknown', s.key) AS to, count() AS players
     FROM offer_launch_members AS m LEFT JOIN (${STAGE_ON_DAY[q.source]}) AS s ON s.player_id = m.player_id
     WHERE m.launch_id = {launch:String}
     GROUP BY group, from, to
     ORDER BY group, from, to
     SETTINGS join_use_nulls = 0`,
    { launch: q.launch, end: q.end },
  );
}
