-- Where each player started, for cohort filters and the player profile: the
-- first game-zone day, and the server, platform and channel of the earliest
-- event that carries one, from sessions and payments (payments carry a server
-- and a channel, no platform). Replaces the table of 008, which read sessions
-- only and kept the first session's platform and channel even when empty.
--
-- argMin over the key (value is empty, event time) prefers events that carry a
-- value, then the earliest: states merge across inserts, so late files,
-- out-of-order files and repeated deliveries all give the same answer.
-- Rebuilt from the raw events, so dropping the old table loses nothing; both
-- views are dropped first so a second run (after a failed start) starts clean.
DROP VIEW IF EXISTS player_attributes_from_sessions SYNC;

DROP VIEW IF EXISTS player_attributes_from_payments SYNC;

DROP TABLE IF EXISTS player_attributes SYNC;

CREATE TABLE IF NOT EXISTS player_attributes (
  player_id String,
  first_day SimpleAggregateFunction(min, Date),
  server    AggregateFunction(argMin, String, Tuple(UInt8, DateTime64(3, 'UTC'))),
  platform  AggregateFunction(argMin, String, Tuple(UInt8, DateTime64(3, 'UTC'))),
  channel   AggregateFunction(argMin, String, Tuple(UInt8, DateTime64(3, 'UTC')))
) ENGINE = AggregatingMergeTree
ORDER BY player_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS player_attributes_from_sessions TO player_attributes AS
SELECT player_id,
       min(day) AS first_day,
       argMinState(toString(server_id), (toString(server_id) = '', start)) AS server,
       argMinState(toString(platform), (toString(platform) = '', start)) AS platform,
       argMinState(toString(channel), (toString(channel) = '', start)) AS channel
FROM sessions
GROUP BY player_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS player_attributes_from_payments TO player_attributes AS
SELECT player_id,
       min(day) AS first_day,
       argMinState(toString(server_id), (toString(server_id) = '', ts)) AS server,
       argMinState('', (toUInt8(1), ts)) AS platform,
       argMinState(toString(channel), (toString(channel) = '', ts)) AS channel
FROM payments
GROUP BY player_id;

-- Events stored before the views existed. Players already present are skipped,
-- so running this again (after a failed start, say) changes nothing.
INSERT INTO player_attributes
SELECT player_id,
       min(day),
       argMinState(server_id, (server_id = '', at)),
       argMinState(platform, (platform = '', at)),
       argMinState(channel, (channel = '', at))
FROM (
  SELECT player_id, day, toString(server_id) AS server_id, toString(platform) AS platform, toString(channel) AS channel, start AS at FROM sessions
  UNION ALL
  SELECT player_id, day, toString(server_id), '', toString(channel), ts FROM payments
)
WHERE player_id NOT IN (SELECT player_id FROM player_attributes)
GROUP BY player_id;
