import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import type { EventKind } from '../../ingest/fileKind.ts';
import { TABLES } from './tables.ts';

/**
 * After a crash the raw insert and its materialized-view insert may not both
 * have landed. Re-derive player_daily for the players and days of the file
 * from the raw tables; the statements mirror sql/004_player_daily.sql.
 */
export async function repairDailyRollup(db: Db, kind: EventKind, minDay: string, maxDay: string): Promise<void> {
  const scope = `player_id IN (SELECT player_id FROM ${TABLES[kind].stage} WHERE reason = '') AND day BETWEEN {lo:Date} AND {hi:Date}`;
  const p = { lo: minDay, hi: maxDay };
  await exec(db, `DELETE FROM player_daily WHERE ${scope}`, p);
  await exec(
    db,
    `INSERT INTO player_daily
     SELECT player_id, day, server_id, count(), sum(duration_s), 0, toDecimal128(0, 4), max(level), max(start)
     FROM sessions WHERE ${scope} GROUP BY player_id, day, server_id`,
    p,
  );
  await exec(
    db,
    `INSERT INTO player_daily
     SELECT player_id, day, server_id, 0, 0, countIf(amount > 0), toDecimal128(sum(amount), 4), 0, max(ts)
     FROM payments WHERE ${scope} GROUP BY player_id, day, server_id`,
    p,
  );
}
