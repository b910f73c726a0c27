import type { RescueDecision, RewardTier } from '../../../contract/winback.ts';
import type { Db } from '../../db/client.ts';
import { rows, type Params } from '../../db/query.ts';

export interface RescueGroup {
  decision: RescueDecision;
  tier: RewardTier;
  players: number;
  /** Sums in ten-thousandths, as text (Int128). */
  cost: string;
  ret: string;
  clv: string;
}

/** Players and money per (decision, reward tier) over decidedSql's rows; groups with no player are absent. */
export async function rescueSummary(db: Db, decided: { sql: string; params: Params }): Promise<RescueGroup[]> {
  const r = await rows<RescueGroup & { players: string }>(
    db,
    `SELECT decision, reward_tier AS tier, count() AS players, toString(sum(cost_u)) AS cost, toString(sum(ret_u)) AS ret, toString(sum(clv_u)) AS clv
     FROM (${decided.sql}) GROUP BY decision, tier`,
    decided.params,
  );
  return r.map((g) => ({ ...g, players: Number(g.players) }));
}
