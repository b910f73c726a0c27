import type { Config } from '../config.ts';
import type { Db } from './client.ts';
import { getSetting, setSetting } from '../queries/settings/appSettings.ts';
import { one, rows } from './query.ts';

export class StartupCheckError extends Error {}

/** Tables whose retried chunk inserts rely on block deduplication. */
export const DEDUP_TABLES = ['sessions', 'payments'] as const;

/**
 * Verifies the engine settings the ingester relies on. MergeTree does not
 * deduplicate retried inserts on non-replicated tables unless the table sets
 * non_replicated_deduplication_window; a missing setting would silently double rows.
 */
export async function checkEngineSettings(db: Db): Promise<void> {
  const tables = await rows<{ name: string; create_table_query: string }>(
    db,
    `SELECT name, create_table_query FROM system.tables
     WHERE database = currentDatabase() AND name IN {names:Array(String)}`,
    { names: [...DEDUP_TABLES] },
  );
  for (const name of DEDUP_TABLES) {
    const t = tables.find((x) => x.name === name);
    if (!t) throw new StartupCheckError(`table ${name} is missing after migrations`);
    const replicated = /Replicated\w*MergeTree/.test(t.create_table_query);
    const m = /non_replicated_deduplication_window\s*=\s*(\d+)/.exec(t.create_table_query);
    if (!replicated && (!m || Number(m[1]) <= 0)) {
      throw new StartupCheckError(`table ${name} must set non_replicated_deduplication_window > 0 so retried inserts are not stored twice`);
    }
  }
  const s = await one<{ dedup: number }>(db, `SELECT toUInt8(getSetting('insert_deduplicate')) AS dedup`);
  if (!s || Number(s.dedup) !== 1) throw new StartupCheckError('insert_deduplicate is off for this user; turn it on (it is on by default)');
}

/**
 * Every stored `day` was computed in the game time zone of the first start.
 * Starting with another GAME_TZ would mix calendars, so it is refused with a way out.
 */
export async function checkGameTimeZone(db: Db, cfg: Config): Promise<void> {
  const stored = await getSetting(db, 'game_tz');
  if (stored === undefined) {
    await setSetting(db, 'game_tz', cfg.gameTz);
    return;
  }
  if (stored !== cfg.gameTz) {
    throw new StartupCheckError(
      `GAME_TZ is ${cfg.gameTz} but the data in this database was built with ${stored}. ` +
        `Set GAME_TZ=${stored}, or use a new DATA_DIR / CLICKHOUSE_DATABASE and re-ingest the archived files.`,
    );
  }
}
