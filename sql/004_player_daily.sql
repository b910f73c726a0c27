-- Daily per-player rollup, kept by materialized views as events arrive.
-- Several rows per (player, day, server) can exist until parts merge: always aggregate on read.
CREATE TABLE IF NOT EXISTS player_daily (
  player_id  String,
  day        Date,
  server_id  LowCardinality(String),
  sessions   SimpleAggregateFunction(sum, UInt64),
  playtime_s SimpleAggregateFunction(sum, UInt64),
  payments   SimpleAggregateFunction(sum, UInt64),
  revenue    SimpleAggregateFunction(sum, Decimal(38, 4)),
  max_level  SimpleAggregateFunction(max, UInt16),
  last_ts    SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (player_id, day, server_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS player_daily_from_sessions TO player_daily AS
SELECT player_id, day, server_id,
       toUInt64(count()) AS sessions,
       toUInt64(sum(duration_s)) AS playtime_s,
       toUInt64(0) AS payments,
       toDecimal128(0, 4) AS revenue,
       max(level) AS max_level,
       max(start) AS last_ts
FROM sessions
GROUP BY player_id, day, server_id;

-- A paying day is a day with a positive payment; refunds lower revenue but are not payments.
CREATE MATERIALIZED VIEW IF NOT EXISTS player_daily_from_payments TO player_daily AS
SELECT player_id, day, server_id,
       toUInt64(0) AS sessions,
       toUInt64(0) AS playtime_s,
       toUInt64(countIf(amount > 0)) AS payments,
       toDecimal128(sum(amount), 4) AS revenue,
       toUInt16(0) AS max_level,
       max(ts) AS last_ts
FROM payments
GROUP BY player_id, day, server_id;

-- First day each player was seen on each server, for "new players" counts.
CREATE TABLE IF NOT EXISTS player_server_first (
  player_id String,
  server_id LowCardinality(String),
  first_day SimpleAggregateFunction(min, Date)
) ENGINE = AggregatingMergeTree
ORDER BY (player_id, server_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS player_server_first_from_daily TO player_server_first AS
SELECT player_id, server_id, min(day) AS first_day
FROM player_daily
GROUP BY player_id, server_id;
