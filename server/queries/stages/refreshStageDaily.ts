import type { Db } from '../../db/client.ts';
import type { Rules } from '../../../contract/settings.ts';
import { exec, one } from '../../db/query.ts';
import { thresholdArgs } from './playerStageSql.ts';

/** The stage view's features a snapshot keeps (sql/027): what the snapshot readers (stagesOn.ts) read besides the stage. */
export const FEATURES = 'tenure_days, idle_days, active_r, active_p, spend_r, spend_p, lifetime_spend, paying_days, active_days, max_level';

/** Days per statement: one INSERT over several days shares the engine's per-query cost. */
export const STAGE_DAYS_PER_BATCH = 7;

export interface StageRefresh {
  /** The version of the stage rules to evaluate (the one in force, or a pending one being recomputed)... */
  version: number;
  /** ...and its thresholds, as decimal strings (read once, passed as typed parameters). */
  rules: Rules;
  /**
   * Drop the older computations of those days at once: true for the version in
   * force; false for a pending version, whose rows replace the old ones only
   * when it is published (server/lifecycle/rulesRecompute.ts).
   */
  replace: boolean;
}

/**
 * Snapshots every player's stage on a few days (player_stage_daily) under one
 * version of the rules, then the counts per server, stage, status and tier of
 * the same rows (stage_daily), then (when replacing) drops the older snapshots
 * of those days. Readers take the latest computed_at of a day under the version
 * in force, so they never see a half-written refresh nor a pending version.
 */
export async function refreshStageDays(db: Db, days: string[], { version, rules, replace }: StageRefresh): Promise<void> {
  if (days.length === 0) return;
  if (days.length > STAGE_DAYS_PER_BATCH) throw new Error(`at most ${STAGE_DAYS_PER_BATCH} days per batch`);
  const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
  // Parameter names d0..dN are generated here; the values go in as typed Date parameters.
  const selects = days.map(
    (_, i) =>
      `SELECT {d${i}:Date} AS day, player_id, server_id, stage, status, tier, {version:UInt32} AS config_version, ${FEATURES}, 1 AS features,
              {at:DateTime64(3)} AS computed_at
       FROM player_stage_under(${thresholdArgs(`d${i}`)})`,
  );
  const params = { ...rules, ...Object.fromEntries(days.map((d, i) => [`d${i}`, d])), days, at, version };
  await exec(
    db,
    `INSERT INTO player_stage_daily (day, player_id, server_id, stage, status, tier, config_version, ${FEATURES}, features, computed_at)
     ${selects.join('\nUNION ALL\n')}`,
    params,
  );
  await exec(
    db,
    `INSERT INTO stage_daily (day, server_id, stage, status, tier, players, spend_r, config_version, computed_at)
     SELECT day, server_id, stage, status, tier, count(), sum(spend_r), {version:UInt32}, computed_at
     FROM player_stage_daily WHERE day IN {days:Array(Date)} AND computed_at = {at:DateTime64(3)} AND config_version = {version:UInt32}
     GROUP BY day, server_id, stage, status, tier, computed_at`,
    params,
  );
  if (!replace) return;
  // A DELETE is a mutation even when it matches nothing; a first snapshot of a day skips it.
  // Readers already ignore older computations, so the clean-up need not be waited for.
  const older = await one<{ n: number }>(
    db,
    `SELECT count() AS n FROM stage_daily WHERE day IN {days:Array(Date)} AND computed_at < {at:DateTime64(3)}`,
    params,
  );
  if (Number(older?.n ?? 0) === 0) return;
  await exec(db, `DELETE FROM stage_daily WHERE day IN {days:Array(Date)} AND computed_at < {at:DateTime64(3)} SETTINGS lightweight_deletes_sync = 0`, params);
  await exec(
    db,
    `DELETE FROM player_stage_daily WHERE day IN {days:Array(Date)} AND computed_at < {at:DateTime64(3)} SETTINGS lightweight_deletes_sync = 0`,
    params,
  );
}
