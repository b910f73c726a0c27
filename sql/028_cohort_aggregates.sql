-- Pre-aggregates of the retention and Overview pages, kept by the refresh after
-- each ingest for the days it touched (server/retention/refreshAggregates.ts), so
-- a page reads a few thousand rows instead of joining every player's days.
-- Readers use them only while the setting cohort_aggregates_ready is set, and
-- unchanged until they have read (server/retention/aggregatesReady.ts);
-- otherwise they compute live.

-- Each player's cohort: first day, the server, platform and channel they started
-- on (as player_attributes decides) and the last day they were active. Cohort
-- sizes, unbounded retention and the filter lists read it; the refresh compares
-- it with the new attributes to find the cohorts a load changed.
CREATE TABLE IF NOT EXISTS cohort_members (
  player_id   String,
  first_day   Date,
  server      LowCardinality(String),
  platform    LowCardinality(String),
  channel     LowCardinality(String),
  last_active Nullable(Date)
) ENGINE = MergeTree
ORDER BY (first_day, player_id);

-- The refresh's new rows for the players a load touched, before they replace theirs
-- in cohort_members; emptied when the refresh ends (and when the next one starts).
CREATE TABLE IF NOT EXISTS cohort_members_fresh AS cohort_members ENGINE = MergeTree ORDER BY player_id;

-- Per first-day cohort, activity day and starting server/platform/channel: the
-- members active that day and their revenue. Additive over the three
-- attributes (a player has one cohort and one of each), so any filter sums
-- cells. Days up to 90 after the cohort: D30 of daily cohorts and W12 of weekly
-- ones (whose first day is at most 6 days after the week starts) need no more.
CREATE TABLE IF NOT EXISTS cohort_day_cells (
  cohort   Date,
  day      Date,
  server   LowCardinality(String),
  platform LowCardinality(String),
  channel  LowCardinality(String),
  players  UInt64,
  revenue  Decimal(38, 4)
) ENGINE = MergeTree
ORDER BY (cohort, day, server, platform, channel);

-- Distinct members active within a week are not the sum of its days: one row per
-- week start mode (wmode as toStartOfWeek takes it), cohort week, activity week
-- and starting attributes, up to W12.
CREATE TABLE IF NOT EXISTS cohort_week_cells (
  wmode    UInt8,
  cohort   Date,
  week     Date,
  server   LowCardinality(String),
  platform LowCardinality(String),
  channel  LowCardinality(String),
  players  UInt64
) ENGINE = MergeTree
ORDER BY (wmode, cohort, week, server, platform, channel);

-- The Overview daily series: per day and server (total = 0), and for all
-- servers together (total = 1, server_id ''), since a player active on two
-- servers is one of the day's active players.
CREATE TABLE IF NOT EXISTS overview_daily (
  day         Date,
  total       UInt8,
  server_id   LowCardinality(String),
  dau         UInt64,
  payers      UInt64,
  revenue     Decimal(38, 4),
  new_players UInt64
) ENGINE = MergeTree
ORDER BY (day, total, server_id);
