import type { Db } from '../../db/client.ts';
import { exec, one } from '../../db/query.ts';
import { ACTIVE_DAY, activeDayOf } from '../metrics/activity.ts';
import { lastDays } from '../metrics/windows.ts';

// Scratch rows are no change of the data: the response cache and the pairs' memo keep their answers.
const SCRATCH = { scratch: true };

/** Active in the recent stage window R ending on the as-of day. */
const ACTIVE_IN_R = `${ACTIVE_DAY} AND ${lastDays('asOf', '(SELECT window_days FROM active_lifecycle_config)')} AND day <= {asOf:Date}`;

/**
 * Writes one computation's scratch inputs (sql/018): the lapsed players as of
 * the day, and every (server, day) of the players active in the recent window
 * R from the earliest day a lapsed player's lookback reaches. Returns how many
 * lapsed players there are.
 */
export async function fillComradeScratch(db: Db, runId: string, q: { asOf: string; lookback: number }): Promise<number> {
  const p = { run: runId, ...q };
  await exec(
    db,
    `INSERT INTO comrade_lapsed
     SELECT {run:String}, cityHash64(player_id), player_id, server_id, tier, lifetime_spend, idle_days, last_day
     FROM player_stage(as_of = {asOf:Date}) WHERE stage = 'decline' AND status = 'lapsed'`,
    p,
    SCRATCH,
  );
  await exec(
    db,
    `INSERT INTO comrade_active_days
     SELECT {run:String}, cityHash64(d.player_id), d.player_id, d.server_id, d.day, any(a.active_r)
     FROM player_daily AS d
     INNER JOIN (SELECT player_id, toUInt32(uniqExact(day)) AS active_r FROM player_daily WHERE ${ACTIVE_IN_R} GROUP BY player_id) AS a
       ON a.player_id = d.player_id
     WHERE d.player_id IN (SELECT player_id FROM player_daily WHERE ${ACTIVE_IN_R}) AND ${activeDayOf('d')}
       AND d.day >= (SELECT min(last_day) FROM comrade_lapsed WHERE run_id = {run:String}) - {lookback:UInt16} AND d.day <= {asOf:Date}
     GROUP BY d.player_id, d.server_id, d.day`,
    p,
    SCRATCH,
  );
  const r = await one<{ n: number }>(db, `SELECT count() AS n FROM comrade_lapsed WHERE run_id = {run:String}`, p);
  return Number(r?.n ?? 0);
}

export async function dropComradeScratch(db: Db, runId: string): Promise<void> {
  await exec(db, 'ALTER TABLE comrade_lapsed DROP PARTITION {run:String}', { run: runId }, SCRATCH);
  await exec(db, 'ALTER TABLE comrade_active_days DROP PARTITION {run:String}', { run: runId }, SCRATCH);
}
