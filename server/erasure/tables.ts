/**
 * Every place the product keeps a player id, in one list: what an erasure
 * clears. test/unit/erasure-tables.test.ts walks sql/ and fails when a table
 * with a player-id column is in none of the lists below.
 */

/** A MergeTree-family table whose rows name a player in these columns: the erasure deletes them, then merges them away. */
export interface PlayerTable {
  table: string;
  columns: readonly string[];
}

export const PLAYER_TABLES: readonly PlayerTable[] = [
  // Raw events as ingested (sql/001_raw_events.sql).
  { table: 'sessions', columns: ['player_id'] },
  { table: 'payments', columns: ['player_id'] },
  // Friend links name two players; a link to an erased player goes too (sql/016_friend_links.sql).
  { table: 'friend_links', columns: ['player_id', 'friend_id'] },
  // Rollups filled by materialized views on every insert (sql/004, sql/013).
  { table: 'player_daily', columns: ['player_id'] },
  { table: 'player_server_first', columns: ['player_id'] },
  // First server, platform and channel of each player (sql/013_player_attributes_numeric_keys.sql).
  { table: 'player_attributes', columns: ['player_id'] },
  // Daily stage snapshots: each player's stage history (sql/007_player_stage_history.sql).
  { table: 'player_stage_daily', columns: ['player_id'] },
  // Lifetime-model scores of each fit (sql/012_model_scores.sql).
  { table: 'player_scores', columns: ['player_id'] },
  // Who an offer launch sent to, treatment and holdout (sql/015_offers.sql).
  { table: 'offer_launch_members', columns: ['player_id'] },
  // Scratch rows of the comrade pairing, kept per run (sql/018_comrade_scratch.sql).
  { table: 'comrade_lapsed', columns: ['player_id'] },
  { table: 'comrade_active_days', columns: ['player_id'] },
  { table: 'comrade_recent', columns: ['player_id'] },
  // The stored comrade pairs of the background refresh name two players (sql/026_comrade_pairs.sql).
  { table: 'comrade_pairs', columns: ['lapsed_id', 'comrade_id'] },
  // Each player's cohort for the retention pre-aggregates (sql/028_cohort_aggregates.sql; its scratch twin
  // cohort_members_fresh is emptied at the end of each refresh). The counts kept per cohort and day (cohort_day_cells,
  // cohort_week_cells, overview_daily) name no player and keep an erased player's share until those days are
  // recomputed, like stage_daily.
  { table: 'cohort_members', columns: ['player_id'] },
];

/**
 * Quarantined rows keep the raw text of a bad line (sql/002_ingest_control.sql),
 * which can hold a player id in a JSON field or a CSV field; no column of its own.
 */
export const QUARANTINE_TABLE = 'quarantine';

/**
 * Memory work tables of the ingester (sql/002, sql/016): filled and emptied within
 * one file's ingest, so between runs they hold nothing; the erasure empties them
 * when no ingest runs.
 */
export const INGEST_WORK_TABLES: readonly string[] = ['stage_sessions', 'stage_payments', 'stage_friends', 'fresh_sessions', 'fresh_payments', 'fresh_friends'];

/**
 * Tables that name players only through the keyed hash, never an id:
 * erased_players (sql/021_erasure.sql) and audit_log targets `player:<hash>` (sql/020_audit.sql).
 * Tables with no player column at all (aggregates such as stage_daily, model_runs,
 * offer_launches, deliveries, report_runs) are not listed.
 */
export const HASHED_ONLY_TABLES: readonly string[] = ['erased_players', 'audit_log'];

/**
 * Stored files that can hold ids, rewritten by the erasure (server/erasure/redactFiles.ts):
 * report files (HTML, CSV, JSON) under cfg.reports.dir, and the ingest archive
 * under cfg.archiveDir (the original input files, NDJSON or CSV, possibly gzip).
 */
export const PLAYER_FILE_PLACES = ['reports', 'archive'] as const;

/** The column names that mark a table as holding player ids (the unit test's rule). */
export const PLAYER_COLUMN = /^(player_id|friend_id|player|players|lapsed_id|comrade_id)$/;
