import type { ValueListSort, ValuedPlayer } from '../../../contract/value.ts';
import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';
import { RISK_ORDER } from '../../models/riskTier.ts';
import { latestScoresSql } from '../models/latestScoresSql.ts';
import { type StageSource, stagesOn } from '../stages/stagesOn.ts';
import { VALUE_LIST_WHERE, type ValueList } from './valueLists.ts';

/** Churn-risk tiers as ranks 1 (highest risk) and up; 0 = not scored. Built from constants, never input. */
const RISK_RANK = `indexOf([${RISK_ORDER.map((t) => `'${t}'`).join(', ')}], ifNull(s.churn_risk, ''))`;

/** List orders, an allow-list: biggest spenders, highest churn risk, or highest expected CLV first; unscored players last. */
export const VALUED_ORDER = {
  spend: 'v.lifetime_spend DESC, v.player_id',
  risk: `${RISK_RANK} = 0, ${RISK_RANK}, s.engagement_p_alive, v.lifetime_spend DESC, v.player_id`,
  clv: 's.clv DESC NULLS LAST, v.lifetime_spend DESC, v.player_id',
} as const satisfies Record<ValueListSort, string>;

export type { ValuedPlayer };
export type ValuedOrder = keyof typeof VALUED_ORDER;

/**
 * Players on a list (its condition over the stage columns, stagesOn.ts), with their latest model scores, in the chosen order, a page at a time.
 */
export async function valuedPlayers(
  db: Db,
  name: ValueList,
  q: { asOf: string; server: string; limit: number; offset: number; sort: ValuedOrder; source: StageSource },
): Promise<{ total: number; players: ValuedPlayer[] }> {
  const condition = `({server:String} = '' OR server_id = {server:String}) AND (${VALUE_LIST_WHERE[name]})`;
  const [count, list] = await Promise.all([
    one<{ n: number }>(db, `SELECT count() AS n FROM ${stagesOn(q.source, 'asOf')} WHERE ${condition}`, q),
    rows<ValuedPlayer>(
      db,
      `SELECT v.player_id AS playerId, v.server_id AS serverId, v.stage AS stage, v.status AS status, v.tier AS tier,
              v.tenure_days AS tenureDays, v.idle_days AS idleDays, v.paying_days AS payingDays,
              toString(v.lifetime_spend) AS lifetimeSpend, toString(v.spend_r) AS recentSpend, toString(v.spend_p) AS priorSpend,
              s.engagement_p_alive AS pAlive, s.churn_risk AS riskTier, toString(s.clv) AS expectedClv
       FROM ${stagesOn(q.source, 'asOf')} AS v
       LEFT JOIN (${latestScoresSql()}) AS s ON s.player_id = v.player_id
       WHERE ${condition}
       ORDER BY ${VALUED_ORDER[q.sort]} LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      q,
    ),
  ]);
  return { total: Number(count?.n ?? 0), players: list };
}
