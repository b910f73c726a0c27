import type { Db } from '../db/client.ts';
import { playerDays } from '../queries/players/playerDays.ts';
import { playerScores } from '../queries/players/playerScores.ts';
import { playerStageDays } from '../queries/players/playerStageDays.ts';
import { playerStageNow } from '../queries/players/playerStageNow.ts';
import { playerSummary } from '../queries/players/playerSummary.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { stageRuns } from './stageRuns.ts';

/** Everything the player profile shows but the event list, with the model scores (null before any model run); undefined for an unknown player. */
export async function playerProfile(db: Db, playerId: string) {
  const summary = await playerSummary(db, playerId);
  if (!summary) return undefined;
  const { maxDay } = await dataDays(db);
  const asOf = maxDay ?? summary.lastDay;
  const [now, history, days, scores] = await Promise.all([
    playerStageNow(db, playerId, asOf), playerStageDays(db, playerId), playerDays(db, playerId), playerScores(db, playerId),
  ]);
  return { ...summary, asOf, now: now ?? null, stageHistory: stageRuns(history), days, scores: scores ?? null };
}
