import type { Db } from '../db/client.ts';
import { daysBetween } from '../days.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { refreshStageDays, STAGE_DAYS_PER_BATCH, type StageRefresh } from '../queries/stages/refreshStageDaily.ts';
import { getSetting, setSetting } from '../queries/settings/appSettings.ts';
import { configVersion } from '../queries/settings/configVersions.ts';
import { stageWrites } from './stageLock.ts';

const DIRTY_KEY = 'stages_dirty_from';

type OnDay = (done: number, total: number) => void;

/**
 * Records that stage snapshots from `day` on are stale. Kept in the database,
 * not in memory, so a crash before the refresh is repaired at the next start.
 */
export async function markStagesDirty(db: Db, day: string): Promise<void> {
  const current = await getSetting(db, DIRTY_KEY);
  if (!current || day < current) await setSetting(db, DIRTY_KEY, day);
}

/**
 * Snapshots every player's stage on each of `days` under one version of the
 * rules, a batch of days per statement. The caller holds stageWrites(db).
 */
export async function writeStageDays(db: Db, days: string[], refresh: StageRefresh, onDay: OnDay = () => {}, stop = () => false): Promise<void> {
  for (let i = 0; i < days.length && !stop(); i += STAGE_DAYS_PER_BATCH) {
    const batch = days.slice(i, i + STAGE_DAYS_PER_BATCH);
    await refreshStageDays(db, batch, refresh);
    onDay(i + batch.length, days.length);
  }
}

/** Snapshots under the rules in force, replacing older computations; the caller holds stageWrites(db). */
async function snapshotInForce(db: Db, from: string, to: string, onDay?: OnDay): Promise<number> {
  const days = daysBetween(from, to);
  const inForce = await configVersion(db, 0);
  if (!inForce) throw new Error('no stage rules saved: lifecycle_config is empty');
  await writeStageDays(db, days, { version: inForce.version, rules: inForce.rules, replace: true }, onDay);
  return days.length;
}

/** Snapshots every player's stage on each day from `from` to `to` (inclusive) under the rules in force. */
export async function snapshotStages(db: Db, from: string, to: string, onDay?: OnDay): Promise<number> {
  return stageWrites(db).run(() => snapshotInForce(db, from, to, onDay));
}

/** Re-computes the stale daily stage snapshots (a late event changes every day after it). */
export async function refreshDirtyStages(db: Db, onDay?: OnDay): Promise<number> {
  return stageWrites(db).run(async () => {
    const from = await getSetting(db, DIRTY_KEY);
    if (!from) return 0;
    const { minDay, maxDay } = await dataDays(db);
    const days = minDay && maxDay ? await snapshotInForce(db, from < minDay ? minDay : from, maxDay, onDay) : 0;
    await setSetting(db, DIRTY_KEY, '');
    return days;
  });
}

/**
 * Snapshots the latest day with data (the daily job). The dirty-day refresh
 * after each ingest normally covers it already; this also covers data that
 * reached the rollup without the ingester (a rollup rebuild, a hand load).
 * Returns the day, or null when there is no data yet.
 */
export async function snapshotLatestDay(db: Db): Promise<string | null> {
  return stageWrites(db).run(async () => {
    const { maxDay } = await dataDays(db);
    if (!maxDay) return null;
    await snapshotInForce(db, maxDay, maxDay);
    return maxDay;
  });
}
