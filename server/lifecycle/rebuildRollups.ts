import type { Db } from '../db/client.ts';
import { insertFromView } from '../queries/rollups/insertFromView.ts';
import { dailyViewSelects } from '../queries/rollups/rollupViews.ts';
import { truncateTable } from '../queries/rollups/truncateTable.ts';

/**
 * Recomputes the daily per-player rollup (and what cascades from it) from the
 * raw events, with the same SQL the materialized views run. For repairs and
 * for measuring the full lifecycle refresh; the views keep it current otherwise.
 */
export async function rebuildRollups(db: Db): Promise<void> {
  const selects = await dailyViewSelects(db);
  await truncateTable(db, 'player_daily');
  await truncateTable(db, 'player_server_first');
  for (const select of selects) await insertFromView(db, 'player_daily', select);
}
