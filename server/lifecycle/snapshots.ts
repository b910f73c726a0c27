import type { Db } from '../db/client.ts';
import { daysBetween } from '../days.ts';
import { writingData } from '../readiness/dataWork.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { refreshStageDays, STAGE_DAYS_PER_BATCH } from '../queries/stages/refreshStageDaily.ts';
import { getSetting, setSetting } from '../queries/settings/appSettings.ts';

const DIRTY_KEY = 'stages_dirty_from';

/**
 * Records that stage snapshots from `day` on are stale. Kept in the database,
 * not in memory, so a crash before the refresh is repaired at the next start.
 */
export async function markStagesDirty(db: Db, day: string): Promise<void> {
  const current = await getSetting(db, DIRTY_KEY);
  if (!current || day < current) await setSetting(db, DIRTY_KEY, day);
}

/** Snapshots every player's stage on each day from `from` to `to` (inclusive), a batch of days per statement. */
export async function snapshotStages(db: Db, from: string, to: string, onDay: (done: number, total: number) => void = () => {}): Promise<number> {
  const days = daysBetween(from, to);
  return writingData(db, async () => {
    for (let i = 0; i < days.length; i += STAGE_DAYS_PER_BATCH) {
      const batch = days.slice(i, i + STAGE_DAYS_PER_BATCH);
      await refreshStageDays(db, batch);
      onDay(i + batch.length, days.length);
    }
    return days.length;
  });
}

/** Re-computes the stale daily stage snapshots (a late event changes every day after it). */
export async function refreshDirtyStages(db: Db, onDay: (done: number, total: number) => void = () => {}): Promise<number> {
  const from = await getSetting(db, DIRTY_KEY);
  if (!from) return 0;
  const { minDay, maxDay } = await dataDays(db);
  const days = minDay && maxDay ? await snapshotStages(db, from < minDay ? minDay : from, maxDay, onDay) : 0;
  await setSetting(db, DIRTY_KEY, '');
  return days;
}

/**
 * Snapshots the latest day with data (the daily job). The dirty-day refresh
 * after each ingest normally covers it already; this also covers data that
 * reached the rollup without the ingester (a rollup rebuild, a hand load).
 * Returns the day, or null when there is no data yet.
 */
export async function snapshotLatestDay(db: Db): Promise<string | null> {
  const { maxDay } = await dataDays(db);
  if (!maxDay) return null;
  await snapshotStages(db, maxDay, maxDay);
  return maxDay;
}
