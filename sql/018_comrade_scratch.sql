-- Scratch inputs of one "find your old comrades" computation
-- (server/offers/comrades.ts): the lapsed players and the days of the players
-- active in the recent window, written once and read by every chunk of the
-- pair count, then dropped with their partition. The count runs in chunks of
-- lapsed players so that other dashboard queries get the engine in between.
-- k is cityHash64(player_id), the join key of the count.
CREATE TABLE IF NOT EXISTS comrade_lapsed (
  run_id         String,
  k              UInt64,
  player_id      String,
  server_id      String,
  tier           LowCardinality(String),
  lifetime_spend Decimal(38, 4),
  idle_days      UInt32,
  last_day       Date
) ENGINE = MergeTree
PARTITION BY run_id
ORDER BY k;

-- One row per (active player, server, day) from the earliest day a lapsed
-- player's lookback reaches; active_r is the player's active days in R.
CREATE TABLE IF NOT EXISTS comrade_active_days (
  run_id    String,
  k         UInt64,
  player_id String,
  server_id String,
  day       Date,
  active_r  UInt32
) ENGINE = MergeTree
PARTITION BY run_id
ORDER BY (server_id, day);
