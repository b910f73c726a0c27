-- "Find your old comrades" computed by the background refresh after each
-- ingest (server/winback/comradesRefresh.ts) instead of by the first visitor.
--
-- Scratch inputs of one computation, beside comrade_lapsed (sql/018), dropped
-- with their partition when it ends:
-- comrade_recent: the players active in the recent window R and their active
-- days in R (the comrades of either basis).
CREATE TABLE IF NOT EXISTS comrade_recent (
  run_id    String,
  k         UInt64,
  player_id String,
  active_r  UInt32
) ENGINE = MergeTree
PARTITION BY run_id
ORDER BY player_id
SETTINGS max_cleanup_delay_period = 30;

-- comrade_lapsed_days: each lapsed player's active (server, day)s in the
-- lookback up to their last day, keyed by k = cityHash64(player_id) so a
-- chunk of lapsed players (a range of k) reads only its own rows.
CREATE TABLE IF NOT EXISTS comrade_lapsed_days (
  run_id    String,
  k         UInt64,
  server_id String,
  day       Date
) ENGINE = MergeTree
PARTITION BY run_id
ORDER BY k;

-- The stored result: the ranked pairs of one computation (run_id) as of the
-- latest day with data. Rows of a run are written chunk by chunk; readers
-- only read the run named by the newest row of comrade_runs, written once
-- every chunk is in, so they see the previous complete result meanwhile.
CREATE TABLE IF NOT EXISTS comrade_pairs (
  run_id              String,
  lapsed_id           String,
  lapsed_server       String,
  lapsed_tier         LowCardinality(String),
  lapsed_spend        Decimal(38, 4),
  lapsed_idle_days    UInt32,
  lapsed_last_day     Date,
  comrade_id          String,
  shared_days         Nullable(UInt32),
  last_shared_day     Nullable(Date),
  comrade_active_days UInt32,
  rank                UInt8
) ENGINE = MergeTree
PARTITION BY run_id
ORDER BY (lapsed_spend, lapsed_id, rank)
SETTINGS max_cleanup_delay_period = 30;

-- One row per published computation; the newest names the run readers use.
-- stages_at_ms: the computed_at of the stage snapshot the lapsed players were
-- read from, in milliseconds since 1970 (null when read from the stage view);
-- a newer snapshot of the day (a rules save, a re-snapshot) makes the run stale.
CREATE TABLE IF NOT EXISTS comrade_runs (
  run_id       String,
  as_of        Date,
  stages_at_ms Nullable(Int64),
  basis        LowCardinality(String),
  pairs        UInt32,
  lapsed       UInt32,
  seconds      Float64,
  published_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY published_at;
