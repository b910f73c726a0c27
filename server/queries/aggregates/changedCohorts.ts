import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/**
 * First days before {from:Date} whose cohort a load changed: a player who
 * started then and whose starting server, platform or channel is now another
 * (an event later in time but carrying a value the first one lacked).
 */
export async function changedCohorts(db: Db, from: string): Promise<string[]> {
  const r = await rows<{ day: string }>(
    db,
    `SELECT DISTINCT toString(o.first_day) AS day
     FROM cohort_members AS o INNER JOIN cohort_members_fresh AS f ON f.player_id = o.player_id
     WHERE o.first_day < {from:Date}
       AND (o.first_day != f.first_day OR o.server != f.server OR o.platform != f.platform OR o.channel != f.channel)
     ORDER BY day`,
    { from },
  );
  return r.map((x) => x.day);
}
