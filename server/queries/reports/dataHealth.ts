import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';

/**
 * Data freshness and quarantine as of a report window. Ingest times are wall
 * clock; a file belongs to the game day (in the game time zone) its load
 * finished on, so "ingested in the window" uses the same days as the window.
 * Parameters: {from:Date} {to:Date} {tz:String}.
 */
const FINISHED_DAY = `toDate(finished_at, {tz:String})`;

export interface Freshness {
  latestEventAt: string | null;
  latestFileName: string | null;
  latestFileAt: string | null;
}

/**
 * The latest event of a game day up to the window end, and the last file
 * loaded at all (when the report is built): a report of a past window still
 * says how fresh the data behind it are, where "loaded by the window end"
 * read "none" for a game whose history was loaded after it.
 */
export async function freshness(db: Db, q: { to: string; tz: string }): Promise<Freshness> {
  const [event, file] = await Promise.all([
    one<{ at: string | null }>(db, `SELECT if(count() = 0, NULL, max(last_ts)) AS at FROM player_daily WHERE day <= {to:Date}`, q),
    one<{ name: string; at: string }>(
      db,
      `SELECT file_name AS name, finished_at AS at FROM ingest_files FINAL
       WHERE state = 'done' AND finished_at IS NOT NULL
       ORDER BY finished_at DESC, file_name LIMIT 1`,
      q,
    ),
  ]);
  return { latestEventAt: event?.at ?? null, latestFileName: file?.name ?? null, latestFileAt: file?.at ?? null };
}

export interface IngestInWindow {
  files: number;
  rejectedFiles: number;
  rowsLoaded: number;
}

/** Files whose load finished on a day of the window (rejected ones too), and their rows. */
export async function ingestInWindow(db: Db, q: { from: string; to: string; tz: string }): Promise<IngestInWindow> {
  const r = await one<IngestInWindow>(
    db,
    `SELECT count() AS files, countIf(state = 'rejected') AS rejectedFiles,
            sum(rows_loaded) AS rowsLoaded
     FROM ingest_files FINAL
     WHERE state != 'loading' AND finished_at IS NOT NULL AND ${FINISHED_DAY} BETWEEN {from:Date} AND {to:Date}`,
    q,
  );
  return {
    files: Number(r?.files ?? 0),
    rejectedFiles: Number(r?.rejectedFiles ?? 0),
    rowsLoaded: Number(r?.rowsLoaded ?? 0),
  };
}

/** Quarantined rows of the files loaded in the window, by reason (most first, then by name). */
export async function quarantineInWindow(db: Db, q: { from: string; to: string; tz: string }): Promise<{ reason: string; rows: number }[]> {
  const list = await rows<{ reason: string; rows: number }>(
    db,
    `SELECT reason, count() AS rows FROM quarantine FINAL
     WHERE file_hash IN (
       SELECT file_hash FROM ingest_files FINAL
       WHERE state != 'loading' AND finished_at IS NOT NULL AND ${FINISHED_DAY} BETWEEN {from:Date} AND {to:Date}
     )
     GROUP BY reason ORDER BY rows DESC, reason`,
    q,
  );
  return list.map((r) => ({ reason: r.reason, rows: Number(r.rows) }));
}
