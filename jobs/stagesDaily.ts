import type { Deps } from '../server/deps.ts';
import { snapshotLatestDay } from '../server/lifecycle/snapshots.ts';

/** Once a day: every player's stage on the latest day with data, for stage history and transitions. */
export async function run({ db, log }: Deps): Promise<void> {
  const day = await snapshotLatestDay(db);
  if (day) log(`stages-daily: snapshotted every player's stage on ${day}`);
}
