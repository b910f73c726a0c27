-- Lifecycle stage thresholds as data: one row per version, the highest version is
-- active. Column defaults are the DESIGN section 6 defaults; every number the
-- stage rules use lives here and nowhere else.
CREATE TABLE IF NOT EXISTS lifecycle_config (
  version                  UInt32,
  author                   String DEFAULT 'system',
  note                     String DEFAULT '',
  created_at               DateTime64(3, 'UTC') DEFAULT now64(3),
  -- R = the `window_days` ending on the as-of day; P = the `window_days` before R.
  window_days              UInt16 DEFAULT 14,
  explore_tenure_days      UInt16 DEFAULT 14,
  explore_max_tenure_days  UInt16 DEFAULT 30,
  explore_max_paying_days  UInt16 DEFAULT 2,
  explore_spend_cap        Decimal(18, 4) DEFAULT 10,
  decline_idle_days        UInt16 DEFAULT 7,
  decline_active_ratio     Decimal(9, 4) DEFAULT 0.5,
  decline_min_prior_active UInt16 DEFAULT 4,
  decline_spend_ratio      Decimal(9, 4) DEFAULT 0.5,
  growth_spend_ratio       Decimal(9, 4) DEFAULT 1.25,
  growth_active_ratio      Decimal(9, 4) DEFAULT 1.25,
  growth_min_recent_active UInt16 DEFAULT 4,
  lapsed_idle_days         UInt16 DEFAULT 30,
  lost_idle_days           UInt16 DEFAULT 180,
  -- Value tiers by lifetime-spend percentile among payers.
  dolphin_percentile       Decimal(9, 4) DEFAULT 0.80,
  whale_percentile         Decimal(9, 4) DEFAULT 0.98
) ENGINE = MergeTree
ORDER BY version;

INSERT INTO lifecycle_config (version, note)
SELECT 1, 'DESIGN section 6 defaults'
WHERE (SELECT count() FROM lifecycle_config WHERE version = 1) = 0;

CREATE VIEW IF NOT EXISTS active_lifecycle_config AS
SELECT * FROM lifecycle_config ORDER BY version DESC LIMIT 1;
