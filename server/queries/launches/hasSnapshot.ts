import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

/** Whether a stored stage snapshot exists for the day. */
export async function hasSnapshot(db: Db, day: string): Promise<boolean> {
  const r = await one<{ n: number }>(db, `SELECT count() AS n FROM player_stage_daily WHERE day = {day:Date}`, { day });
  return Number(r?.n ?? 0) > 0;
}
