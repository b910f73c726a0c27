import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import type { EventKind } from '../../ingest/fileKind.ts';
import { insertFromView } from '../rollups/insertFromView.ts';
import { dailyViewSelects } from '../rollups/rollupViews.ts';
import { TABLES } from './tables.ts';

/**
 * After a crash the raw insert and its materialized-view insert may not both
 * have landed. Re-derive player_daily for the players and days of the file
 * from the raw tables, with the views' own SQL.
 */
export async function repairDailyRollup(db: Db, kind: EventKind, minDay: string, maxDay: string): Promise<void> {
  const where = `player_id IN (SELECT player_id FROM ${TABLES[kind].stage} WHERE reason = '') AND day BETWEEN {lo:Date} AND {hi:Date}`;
  const params = { lo: minDay, hi: maxDay };
  await exec(db, `DELETE FROM player_daily WHERE ${where}`, params);
  for (const select of await dailyViewSelects(db)) await insertFromView(db, 'player_daily', select, { where, params });
}
