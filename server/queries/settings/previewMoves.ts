import type { StageMove } from '../../../contract/settings.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import type { Rules } from '../../../contract/settings.ts';
import { draftRef, playerStageSql } from '../stages/playerStageSql.ts';

const key = `if(status = 'lost', 'lost', stage)`;

/** How many players (and how much lifetime spend) each stage would send to each stage under a draft, against the active rules, as of a day. */
export async function previewMoves(db: Db, asOf: string, draft: Rules): Promise<StageMove[]> {
  return rows<StageMove>(
    db,
    `SELECT a.k AS from, d.k AS to, count() AS players, toString(sum(a.lifetime_spend)) AS lifetimeSpend
     FROM (SELECT player_id, ${key} AS k, lifetime_spend FROM player_stage(as_of = {as_of:Date})) AS a
     INNER JOIN (SELECT player_id, ${key} AS k FROM (${playerStageSql(draftRef)})) AS d ON d.player_id = a.player_id
     GROUP BY from, to ORDER BY from, to`,
    { ...draft, as_of: asOf },
  );
}
