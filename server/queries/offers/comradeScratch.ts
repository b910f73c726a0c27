import type { Db } from '../../db/client.ts';
import { exec, one } from '../../db/query.ts';
import { ACTIVE_DAY, activeDayOf } from '../metrics/activity.ts';
import { lastDays } from '../metrics/windows.ts';

// Scratch rows are no change of the data: the response cache and the pairs' memo keep their answers.
const SCRATCH = { scratch: true };

/** Active in the recent stage window R ending on the as-of day. */
const ACTIVE_IN_R = `${ACTIVE_DAY} AND ${lastDays('asOf', '(SELECT window_days FROM active_lifecycle_config)')} AND day <= {asOf:Date}`;

/** The day's stage snapshot of one computation (the latest, found first), when the stage refresh wrote one. */
const SNAPSHOT = `player_stage_daily WHERE day = {asOf:Date} AND toUnixTimestamp64Milli(computed_at) = {stagesAt:Int64}`;

const LAPSED = `stage = 'decline' AND status = 'lapsed'`;
const LAPSED_FROM_SNAPSHOT = `SELECT player_id, server_id, tier, lifetime_spend, idle_days, {asOf:Date} - idle_days AS last_day FROM ${SNAPSHOT} AND ${LAPSED}`;
const LAPSED_FROM_VIEW = `SELECT player_id, server_id, tier, lifetime_spend, idle_days, last_day FROM player_stage(as_of = {asOf:Date}) WHERE ${LAPSED}`;

/**
 * The lapsed players as of the day, into comrade_lapsed (sql/018): read from
 * the day's stage snapshot (a key lookup; the refresh after an ingest has just
 * written it), or from the stage view for a day without one. Returns how many.
 */
export async function fillComradeLapsed(
  db: Db,
  runId: string,
  asOf: string,
): Promise<{ lapsed: number; maxLastDay: string | null; minLastDay: string | null; stagesAt: string | null }> {
  const p = { run: runId, asOf };
  const snap = await one<{ at: string | null }>(
    db,
    'SELECT toString(toUnixTimestamp64Milli(max(computed_at))) AS at FROM player_stage_daily WHERE day = {asOf:Date} HAVING count() > 0',
    p,
  );
  const stagesAt = snap?.at ?? null;
  const source = stagesAt ? LAPSED_FROM_SNAPSHOT : LAPSED_FROM_VIEW;
  await exec(
    db,
    `INSERT INTO comrade_lapsed
     SELECT {run:String}, cityHash64(player_id), player_id, server_id, tier, lifetime_spend, idle_days, last_day FROM (${source})`,
    { ...p, stagesAt },
    SCRATCH,
  );
  const r = await one<{ n: number; lo: string | null; hi: string | null }>(
    db,
    `SELECT count() AS n, if(n = 0, NULL, min(last_day)) AS lo, if(n = 0, NULL, max(last_day)) AS hi FROM comrade_lapsed WHERE run_id = {run:String}`,
    p,
  );
  return { lapsed: Number(r?.n ?? 0), minLastDay: r?.lo ?? null, maxLastDay: r?.hi ?? null, stagesAt };
}

/** The players active in R with their active days in R, into comrade_recent (sql/025): the comrades of either basis. */
export async function fillComradeRecent(db: Db, runId: string, asOf: string): Promise<void> {
  await exec(
    db,
    `INSERT INTO comrade_recent
     SELECT {run:String}, cityHash64(player_id), player_id, toUInt32(uniqExact(day)) FROM player_daily WHERE ${ACTIVE_IN_R} GROUP BY player_id`,
    { run: runId, asOf },
    SCRATCH,
  );
}

/**
 * The shared-days inputs of the days `from`..`to` (at most half a month, so
 * each statement reads part of one partition of player_daily, and joins only
 * the lapsed players whose lookback reaches into those days):
 * - comrade_active_days: per (server, day), the candidate comrades, capped at
 *   {cap} players: the most active in R first, ties by a stable hash of the id
 *   (the bound that keeps the pair count linear in the lapsed players);
 * - comrade_lapsed_days: each lapsed player's active (server, day)s in the
 *   {lookback} days up to their last day.
 */
export async function fillComradeDays(db: Db, runId: string, q: { asOf: string; from: string; to: string; lookback: number; cap: number }): Promise<void> {
  const p = { run: runId, ...q };
  await exec(
    db,
    `INSERT INTO comrade_active_days
     SELECT {run:String}, r.k, d.player_id, d.server_id, d.day, any(r.active_r) AS active_r
     FROM player_daily AS d
     INNER JOIN (SELECT k, player_id, active_r FROM comrade_recent WHERE run_id = {run:String}) AS r ON r.player_id = d.player_id
     WHERE d.day >= {from:Date} AND d.day <= {to:Date} AND ${activeDayOf('d')}
     GROUP BY r.k, d.player_id, d.server_id, d.day
     ORDER BY d.server_id, d.day, active_r DESC, r.k
     LIMIT {cap:UInt32} BY d.server_id, d.day`,
    p,
    SCRATCH,
  );
  await exec(
    db,
    `INSERT INTO comrade_lapsed_days
     SELECT {run:String}, l.k, d.server_id, d.day
     FROM player_daily AS d
     INNER JOIN (
       SELECT k, player_id, last_day FROM comrade_lapsed
       WHERE run_id = {run:String} AND last_day >= {from:Date} AND last_day < {to:Date} + {lookback:UInt16}
     ) AS l ON l.player_id = d.player_id
     WHERE d.day >= {from:Date} AND d.day <= {to:Date} AND d.day <= {asOf:Date} AND d.day > l.last_day - {lookback:UInt16} AND ${activeDayOf('d')}
     GROUP BY l.k, d.server_id, d.day`,
    p,
    SCRATCH,
  );
}

/** Rows of comrade_lapsed_days of the run: what sizes the chunks of the shared-days count. */
export async function comradeLapsedDayRows(db: Db, runId: string): Promise<number> {
  const r = await one<{ n: number }>(db, 'SELECT count() AS n FROM comrade_lapsed_days WHERE run_id = {run:String}', { run: runId });
  return Number(r?.n ?? 0);
}

export async function dropComradeScratch(db: Db, runId: string): Promise<void> {
  for (const table of ['comrade_lapsed', 'comrade_active_days', 'comrade_recent', 'comrade_lapsed_days'] as const) {
    await exec(db, `ALTER TABLE ${table} DROP PARTITION {run:String}`, { run: runId }, SCRATCH);
  }
}
