import type { PlayerProfile } from '../../contract/players.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../domainError.ts';
import { playerDays } from '../queries/players/playerDays.ts';
import { playerScores } from '../queries/players/playerScores.ts';
import { playerStageDays } from '../queries/players/playerStageDays.ts';
import { playerStageNow } from '../queries/players/playerStageNow.ts';
import { playerSummary } from '../queries/players/playerSummary.ts';
import { stageRuns } from './stageRuns.ts';

export const unknownPlayer = (id: string) => notFound(`no player "${id}" in the data`);

/** Everything the player profile shows but the event list, with the model scores (null before any model run). */
export async function playerProfile(db: Db, playerId: string): Promise<PlayerProfile> {
  const summary = await playerSummary(db, playerId);
  if (!summary) throw unknownPlayer(playerId);
  const asOf = (await resolveAsOf(db)) ?? summary.lastDay;
  const [now, history, days, scores] = await Promise.all([
    playerStageNow(db, playerId, asOf),
    playerStageDays(db, playerId),
    playerDays(db, playerId),
    playerScores(db, playerId),
  ]);
  return { ...summary, asOf, now: now ?? null, stageHistory: stageRuns(history), days, scores: scores ?? null };
}
