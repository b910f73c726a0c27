-- A stage-rules version saved through the dashboard is pending until the stored
-- daily stage snapshots are recomputed under it; only then is it published (in
-- force). One row per change of state: 'pending' (saved, recompute to run),
-- 'published' (in force from `at`), 'failed' (its recompute failed; never in force).
-- A version with no row at all (version 1, versions inserted by hand) is in force
-- as before, so existing databases need no seed.
CREATE TABLE IF NOT EXISTS lifecycle_config_state (
  version UInt32,
  state   LowCardinality(String),
  at      DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = MergeTree
ORDER BY (version, at);

-- The rules in force: the newest version whose latest state is published (or that has none).
-- Every reader of stages (the player_stage view, the snapshot readers) goes through it.
CREATE OR REPLACE VIEW active_lifecycle_config AS
SELECT * FROM lifecycle_config
WHERE version NOT IN (SELECT version FROM lifecycle_config_state GROUP BY version HAVING argMax(state, at) != 'published')
ORDER BY version DESC LIMIT 1;

-- Stage counts carry the version they were computed under, as player_stage_daily
-- does, so readers take the latest computation of a day under the version in force
-- and rows being written for a pending version stay invisible. Every stored count
-- was computed under the newest version (a save used to recompute them all at once).
ALTER TABLE stage_daily ADD COLUMN IF NOT EXISTS config_version UInt32 DEFAULT 0 AFTER spend_r;
ALTER TABLE stage_daily UPDATE config_version = (SELECT max(version) FROM lifecycle_config) WHERE config_version = 0 SETTINGS mutations_sync = 2;
