import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/query.ts';

export interface LaunchMember {
  playerId: string;
  group: 'treatment' | 'holdout';
  serverId: string;
  stage: string;
  status: string;
  tier: string;
  idleDays: number;
  pAlive: number | null;
  expectedClv: string;
  cost: string;
}

/** Rows per insert: bounded request bodies for audiences of any size. */
const CHUNK = 20_000;

export async function saveLaunchMembers(db: Db, launchId: string, members: LaunchMember[]): Promise<void> {
  for (let i = 0; i < members.length; i += CHUNK) {
    await insertRows(
      db,
      'offer_launch_members',
      members.slice(i, i + CHUNK).map((m) => ({
        launch_id: launchId,
        player_id: m.playerId,
        grp: m.group,
        server_id: m.serverId,
        stage: m.stage,
        status: m.status,
        tier: m.tier,
        idle_days: m.idleDays,
        p_alive: m.pAlive,
        expected_clv: m.expectedClv,
        cost: m.cost,
      })),
    );
  }
}
