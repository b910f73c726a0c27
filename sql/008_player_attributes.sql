-- Each player's platform and acquisition channel, as on their first session:
-- cohort filters read them. argMin states merge across inserts, so late or
-- out-of-order files still give the first session's values.
CREATE TABLE IF NOT EXISTS player_attributes (
  player_id   String,
  first_start SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
  platform    AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  channel     AggregateFunction(argMin, String, DateTime64(3, 'UTC'))
) ENGINE = AggregatingMergeTree
ORDER BY player_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS player_attributes_from_sessions TO player_attributes AS
SELECT player_id,
       min(start) AS first_start,
       argMinState(toString(platform), start) AS platform,
       argMinState(toString(channel), start) AS channel
FROM sessions
GROUP BY player_id;

-- Sessions stored before this table existed.
INSERT INTO player_attributes
SELECT player_id, min(start), argMinState(toString(platform), start), argMinState(toString(channel), start)
FROM sessions
WHERE (SELECT count() FROM player_attributes) = 0
GROUP BY player_id;
