-- Raw events as the game servers sent them, one row per event_id.
-- Money is Decimal; times are UTC; `day` is the calendar day in the game's time
-- zone, fixed at ingest so every rollup and view agrees on it.
-- Player-first sort keys keep per-player work local (and shard-local later).

CREATE TABLE IF NOT EXISTS sessions (
  event_id    String,
  player_id   String,
  server_id   LowCardinality(String),
  start       DateTime64(3, 'UTC'),
  duration_s  UInt32,
  day         Date,
  level       UInt16,
  platform    LowCardinality(String),
  channel     LowCardinality(String),
  source_file LowCardinality(String),
  ingested_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (player_id, start, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS payments (
  event_id     String,
  player_id    String,
  server_id    LowCardinality(String),
  ts           DateTime64(3, 'UTC'),
  day          Date,
  amount       Decimal(18, 4),
  amount_orig  Decimal(18, 4),
  currency     LowCardinality(String),
  sku          String,
  channel      LowCardinality(String),
  source_file  LowCardinality(String),
  ingested_at  DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (player_id, ts, event_id)
SETTINGS non_replicated_deduplication_window = 1000;
