-- Every player's stage as of each day, written by the daily snapshot job and the
-- backfill command. Transitions between two days and a player's stage history
-- read it instead of re-evaluating the rules over the whole past.
-- A day is re-written by inserting a newer batch (computed_at); readers take the
-- latest computed_at of a day.
CREATE TABLE IF NOT EXISTS player_stage_daily (
  day            Date,
  player_id      String,
  server_id      LowCardinality(String),
  stage          LowCardinality(String),
  status         LowCardinality(String),
  tier           LowCardinality(String),
  config_version UInt32,
  idle_days      UInt32,
  spend_r        Decimal(38, 4),
  lifetime_spend Decimal(38, 4),
  computed_at    DateTime64(3, 'UTC')
) ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (day, player_id);
