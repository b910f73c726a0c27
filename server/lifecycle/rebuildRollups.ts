import type { Db } from '../db/client.ts';
import { insertFromView } from '../queries/rollups/insertFromView.ts';
import { viewSelects } from '../queries/rollups/rollupViews.ts';
import { truncateTable } from '../queries/rollups/truncateTable.ts';

/** The views that feed player_daily from raw events; player_server_first follows player_daily by its own view. */
const DAILY_VIEWS = ['player_daily_from_sessions', 'player_daily_from_payments'];

/**
 * Recomputes the daily per-player rollup (and what cascades from it) from the
 * raw events, with the same SQL the materialized views run. For repairs and
 * for measuring the full lifecycle refresh; the views keep it current otherwise.
 */
export async function rebuildRollups(db: Db): Promise<void> {
  const selects = await viewSelects(db, DAILY_VIEWS);
  const missing = DAILY_VIEWS.filter((v) => !selects.has(v));
  if (missing.length) throw new Error(`materialized view(s) missing: ${missing.join(', ')}; run the migrations`);
  await truncateTable(db, 'player_daily');
  await truncateTable(db, 'player_server_first');
  for (const v of DAILY_VIEWS) await insertFromView(db, 'player_daily', selects.get(v)!);
}
