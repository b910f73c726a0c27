import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import type { LaunchMember } from './saveLaunchMembers.ts';

/** A stored member reads back as it was written. */
export type LaunchMemberRow = LaunchMember;

/**
 * One page of a launch's frozen audience in (group, player) order, the table's
 * sort key: keyset paging after (afterGroup, afterPlayer), so a large
 * audience streams in pages without OFFSET scans. group '' = both groups.
 */
export function launchMembers(
  db: Db,
  q: { launch: string; group: '' | 'treatment' | 'holdout'; afterGroup: string; afterPlayer: string; limit: number },
): Promise<LaunchMemberRow[]> {
  return rows<LaunchMemberRow>(
    db,
    `SELECT player_id AS playerId, toString(grp) AS group, server_id AS serverId, stage, status, tier, idle_days AS idleDays,
            p_alive AS pAlive, toString(expected_clv) AS expectedClv, toString(cost) AS cost
     FROM offer_launch_members
     WHERE launch_id = {launch:String}
       AND ({group:String} = '' OR grp = {group:String})
       AND (toString(grp), player_id) > ({afterGroup:String}, {afterPlayer:String})
     ORDER BY grp, player_id
     LIMIT {limit:UInt32}`,
    q,
  );
}
