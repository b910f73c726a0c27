import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/** The views that feed player_daily from raw events; player_server_first follows player_daily by its own view. */
const DAILY_VIEWS = ['player_daily_from_sessions', 'player_daily_from_payments'];

/**
 * The SELECT of each view feeding player_daily, read from the engine's
 * catalogue so a rebuild or repair runs exactly the SQL the views run on
 * every insert.
 */
export async function dailyViewSelects(db: Db): Promise<string[]> {
  const list = await rows<{ name: string; select: string }>(
    db,
    `SELECT name, as_select AS select FROM system.tables
     WHERE database = currentDatabase() AND engine = 'MaterializedView' AND name IN {names:Array(String)}`,
    { names: DAILY_VIEWS },
  );
  const selects = new Map(list.map((v) => [v.name, v.select]));
  const missing = DAILY_VIEWS.filter((v) => !selects.has(v));
  if (missing.length) throw new Error(`materialized view(s) missing: ${missing.join(', ')}; run the migrations`);
  return DAILY_VIEWS.map((v) => selects.get(v)!);
}
