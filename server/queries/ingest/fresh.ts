import type { Db } from '../../db/client.ts';
import { exec, one } from '../../db/query.ts';
import type { EventKind } from '../../ingest/fileKind.ts';
import { GOOD_STAGED, RAW_COLUMNS, ROW_KEY, TABLES } from './tables.ts';

/**
 * Keeps the good staged rows (conflicting duplicates already set aside) whose key (event_id; a friend link's two ends) is not stored yet (looked up only
 * among the players in this file, which the sort key makes cheap) and not
 * repeated earlier in the file: delivered twice, counted once.
 */
export async function selectFreshRows(db: Db, kind: EventKind): Promise<void> {
  const t = TABLES[kind];
  const cols = RAW_COLUMNS[kind].join(', ');
  const key = ROW_KEY[kind];
  await exec(
    db,
    `INSERT INTO ${t.fresh} (line, ${cols})
     SELECT line, ${cols} FROM ${t.stage}
     WHERE ${GOOD_STAGED}
       AND ${key} NOT IN (
         SELECT ${key} FROM ${t.raw}
         WHERE player_id IN (SELECT player_id FROM ${t.stage} WHERE reason = ''))
     ORDER BY line
     LIMIT 1 BY ${key}`,
  );
}

export async function freshCount(db: Db, kind: EventKind): Promise<number> {
  const r = await one<{ n: number }>(db, `SELECT toUInt64(count()) AS n FROM ${TABLES[kind].fresh}`);
  return Number(r?.n ?? 0);
}

export interface ChunkResult {
  rows: number;
}

/**
 * Moves the fresh rows of one line range into the raw table. The dedup token
 * names the file, the range and its row count, so a retry of the same chunk is
 * dropped by the engine, while a chunk re-run after a crash (fewer rows left,
 * hence another token) is not mistaken for one already stored.
 */
export async function insertChunk(db: Db, kind: EventKind, fileHash: string, lo: number, hi: number): Promise<ChunkResult> {
  const t = TABLES[kind];
  const range = { lo, hi };
  const c = await one<{ n: number }>(db, `SELECT toUInt64(count()) AS n FROM ${t.fresh} WHERE line BETWEEN {lo:UInt64} AND {hi:UInt64}`, range);
  const rows = Number(c?.n ?? 0);
  if (rows === 0) return { rows };
  const cols = RAW_COLUMNS[kind].join(', ');
  await db.client.command({
    query: `INSERT INTO ${t.raw} (${cols}, source_file)
            SELECT ${cols}, {file:String} FROM ${t.fresh} WHERE line BETWEEN {lo:UInt64} AND {hi:UInt64}`,
    query_params: { ...range, file: fileHash.slice(0, 16) },
    clickhouse_settings: { insert_deduplication_token: `${fileHash}:${lo}-${hi}:${rows}`, deduplicate_blocks_in_dependent_materialized_views: 1 },
  });
  return { rows };
}

/** Clears the token again: the embedded engine keeps SET values for the whole session. */
export async function clearDedupToken(db: Db): Promise<void> {
  if (db.engine === 'embedded') await exec(db, `SET insert_deduplication_token = ''`);
}

export async function countStoredFromFile(db: Db, kind: EventKind, fileHash: string): Promise<number> {
  const r = await one<{ n: number }>(db, `SELECT toUInt64(count()) AS n FROM ${TABLES[kind].raw} WHERE source_file = {file:String}`, {
    file: fileHash.slice(0, 16),
  });
  return Number(r?.n ?? 0);
}
