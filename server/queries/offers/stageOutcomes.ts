import type { Stage } from '../../../contract/enums.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { type StageSource, stagesOn } from '../stages/stagesOn.ts';

export interface StageOutcomeRow {
  stage: Stage;
  players: number;
  kept: number;
  nonPayersKept: number;
  converted: number;
}

/**
 * What each stage's players on {from:Date} (not lost) did by {as_of:Date}:
 * how many were seen again after `from` (kept: idle fewer days on as_of than
 * the days between the two), and of the non-payers on `from` who were kept,
 * how many had paid by as_of. The offer economics' measured churn and
 * conversion (server/offers/valueFactors.ts).
 */
export async function stageOutcomes(db: Db, q: { from: string; fromSource: StageSource; asOf: string; asOfSource: StageSource }): Promise<StageOutcomeRow[]> {
  const r = await rows<{ stage: Stage; players: string; kept: string; nonPayersKept: string; converted: string }>(
    db,
    `SELECT b.stage AS stage, count() AS players, countIf(a.idle_days < gap) AS kept,
            countIf(b.lifetime_spend <= 0 AND a.idle_days < gap) AS nonPayersKept,
            countIf(b.lifetime_spend <= 0 AND a.idle_days < gap AND a.lifetime_spend > 0) AS converted
     FROM (SELECT player_id, stage, status, lifetime_spend, dateDiff('day', {from:Date}, {as_of:Date}) AS gap FROM ${stagesOn(q.fromSource, 'from')}) AS b
     INNER JOIN (SELECT player_id, idle_days, lifetime_spend FROM ${stagesOn(q.asOfSource, 'as_of')}) AS a ON a.player_id = b.player_id
     WHERE b.status != 'lost'
     GROUP BY stage`,
    { from: q.from, as_of: q.asOf },
  );
  return r.map((x) => ({
    stage: x.stage,
    players: Number(x.players),
    kept: Number(x.kept),
    nonPayersKept: Number(x.nonPayersKept),
    converted: Number(x.converted),
  }));
}
