import type { PlayerScores } from '../../../contract/players.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { latestScoresSql } from '../models/latestScoresSql.ts';

/** One player's scores from the latest successful model runs; undefined when no run scored them. */
export async function playerScores(db: Db, playerId: string): Promise<PlayerScores | undefined> {
  return one<PlayerScores>(
    db,
    `SELECT engagement_p_alive AS pAlive, expected_days_30 AS expectedDays30, expected_days_90 AS expectedDays90, churn_risk AS riskTier,
            monetary_p_alive AS payingPAlive, expected_purchases_90 AS expectedPurchases90,
            toString(spend_per_purchase) AS expectedSpend, toString(clv) AS expectedClv,
            toString(engagement_as_of) AS engagementAsOf, toString(monetary_as_of) AS monetaryAsOf
     FROM (${latestScoresSql('player_id = {id:String}')})`,
    { id: playerId },
  );
}
