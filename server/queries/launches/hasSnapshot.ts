import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { VERSION_IN_FORCE } from '../stages/inForce.ts';

/** Whether a stored stage snapshot exists for the day under the rules in force. */
export async function hasSnapshot(db: Db, day: string): Promise<boolean> {
  const r = await one<{ n: number }>(db, `SELECT count() AS n FROM player_stage_daily WHERE day = {day:Date} AND config_version = ${VERSION_IN_FORCE}`, {
    day,
  });
  return Number(r?.n ?? 0) > 0;
}
