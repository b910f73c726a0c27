import type { Db } from '../db/client.ts';
import { snapshotState } from '../queries/stages/snapshotState.ts';
import type { StageSource } from '../queries/stages/stagesOn.ts';

/** The stored snapshot when it holds the day with its features, else the stage view (server/queries/stages/stagesOn.ts). */
export async function stageSourceOn(db: Db, day: string): Promise<StageSource> {
  return (await snapshotState(db, day)) === 'features' ? 'snapshot' : 'view';
}
