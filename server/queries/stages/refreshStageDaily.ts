import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/** Days per statement: one INSERT over several days shares the engine's per-query cost. */
export const STAGE_DAYS_PER_BATCH = 7;

/**
 * Snapshots the stage counts (per server, stage, status, tier) of a few days
 * in one INSERT, then drops the older snapshots of those days. Readers take the
 * latest computed_at of a day, so they never see a half-written refresh.
 */
export async function refreshStageDays(db: Db, days: string[]): Promise<void> {
  if (days.length === 0) return;
  if (days.length > STAGE_DAYS_PER_BATCH) throw new Error(`at most ${STAGE_DAYS_PER_BATCH} days per batch`);
  const computedAt = new Date().toISOString().replace('T', ' ').replace('Z', '');
  // Parameter names d0..dN are generated here; the values go in as typed Date parameters.
  const selects = days.map(
    (_, i) =>
      `SELECT {d${i}:Date} AS day, server_id, stage, status, tier, count() AS players, sum(spend_r) AS spend_r, {at:DateTime64(3)} AS computed_at
       FROM player_stage(as_of = {d${i}:Date}) GROUP BY server_id, stage, status, tier`,
  );
  const params = Object.fromEntries(days.map((d, i) => [`d${i}`, d]));
  await exec(db, `INSERT INTO stage_daily (day, server_id, stage, status, tier, players, spend_r, computed_at) ${selects.join('\nUNION ALL\n')}`, {
    ...params,
    at: computedAt,
  });
  await exec(db, `DELETE FROM stage_daily WHERE day IN {days:Array(Date)} AND computed_at < {at:DateTime64(3)}`, { days, at: computedAt });
}
