-- Players erased on request (server/erasure/erase.ts). Only the keyed hash of
-- each id is kept (HMAC-SHA256 under the erasure key, hex; the same value in
-- SQL and in JS: server/queries/erasure/keyHashSql.ts, server/erasure/playerKey.ts),
-- so the list cannot be read back into ids, yet an ingest can tell a row of an
-- erased player and quarantine it without its content.
CREATE TABLE IF NOT EXISTS erased_players (
  key_hash  String,
  erased_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(erased_at)
ORDER BY key_hash;

-- The ids of the erasure in progress (server/erasure/erase.ts), in memory only:
-- DELETE statements name this table instead of the ids, because the engine
-- keeps each mutation's text on disk (mutation_N.txt) after it finishes.
-- Emptied when the erasure ends; nothing of it is ever written to disk.
CREATE TABLE IF NOT EXISTS erasure_batch (
  id String
) ENGINE = Memory;
