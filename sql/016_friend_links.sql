-- Friend links from the game (optional input kind friends*.ndjson|csv[.gz]):
-- one row per (player_id, friend_id) as delivered; a link counts in both
-- directions when read. When any link is stored, "find your old comrades"
-- pairs lapsed players with their active friends instead of with the players
-- who shared their server's days (server/offers/comrades.ts).
CREATE TABLE IF NOT EXISTS friend_links (
  player_id   String,
  friend_id   String,
  since       Nullable(DateTime64(3, 'UTC')),
  source_file LowCardinality(String),
  ingested_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = MergeTree
ORDER BY (player_id, friend_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- The ingester's working tables for the kind, like stage_/fresh_ sessions and payments.
-- `day` is the link's `since` day (NULL without one): links carry no activity,
-- so a friends file never marks stage snapshots stale.
CREATE TABLE IF NOT EXISTS stage_friends (
  line UInt64, raw String, reason String,
  player_id String, friend_id String, since Nullable(DateTime64(3, 'UTC')), day Nullable(Date)
) ENGINE = Memory;

CREATE TABLE IF NOT EXISTS fresh_friends (
  line UInt64,
  player_id String, friend_id String, since Nullable(DateTime64(3, 'UTC'))
) ENGINE = Memory;
