import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { latestScoresSql } from '../models/latestScoresSql.ts';

/** A player's current model scores; null fields where a model has not scored them (CLV: non-payers). */
export interface PlayerScores {
  pAlive: number | null;
  expectedDays30: number | null;
  expectedDays90: number | null;
  riskTier: string | null;
  payingPAlive: number | null;
  expectedPurchases90: number | null;
  expectedSpend: string | null;
  expectedClv: string | null;
  engagementAsOf: string | null;
  monetaryAsOf: string | null;
}

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
