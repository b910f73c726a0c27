import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { VERSION_IN_FORCE } from './inForce.ts';

/**
 * What the stored stage snapshot of a day holds under the rules in force:
 * nothing, the stages only (its latest computation predates the features of
 * sql/027), or the stages and the features every snapshot reader needs.
 */
export async function snapshotState(db: Db, day: string): Promise<'none' | 'stages' | 'features'> {
  const r = await one<{ n: string; f: number }>(
    db,
    `SELECT count() AS n, argMax(features, computed_at) AS f FROM player_stage_daily WHERE day = {day:Date} AND config_version = ${VERSION_IN_FORCE}`,
    { day },
  );
  if (Number(r?.n ?? 0) === 0) return 'none';
  return Number(r?.f) === 1 ? 'features' : 'stages';
}
