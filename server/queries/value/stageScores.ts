import type { StageScores, ValueQuery } from '../../../contract/value.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { latestScoresSql } from '../models/latestScoresSql.ts';
import { type StageSource, stagesOn } from '../stages/stagesOn.ts';

/**
 * The model scores summed up per lifecycle stage as of a day: how alive each
 * stage is and the value it holds. One-time players (no repeat active day,
 * x = 0) have P(alive) = 1 by the BG/NBD construction (nobody drops out before
 * a repeat visit), so they are counted apart and the mean is over repeat players.
 */
export async function stageScores(db: Db, q: ValueQuery & { source: StageSource }): Promise<StageScores[]> {
  return rows<StageScores>(
    db,
    `SELECT v.stage AS stage, count() AS players, count(s.engagement_p_alive) AS scored,
            countIf(s.engagement_x = 0) AS oneTime, round(avgIf(s.engagement_p_alive, s.engagement_x > 0), 4) AS meanPAlive,
            countIf(s.churn_risk IN ('high', 'gone')) AS atRisk, toString(sumOrDefault(ifNull(s.clv, 0))) AS expectedClv
     FROM ${stagesOn(q.source, 'asOf')} AS v
     LEFT JOIN (${latestScoresSql()}) AS s ON s.player_id = v.player_id
     WHERE {server:String} = '' OR v.server_id = {server:String}
     GROUP BY stage ORDER BY stage`,
    q,
  );
}
