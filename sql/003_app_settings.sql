-- Facts the stored data depends on (for example the game time zone that fixed
-- every `day`), checked at start-up against the configuration.
CREATE TABLE IF NOT EXISTS app_settings (
  key        String,
  value      String,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY key;
