-- Retention offers (DESIGN section 8): the catalog, its launches and the frozen
-- audiences. Written by server/offers/*.

-- Every saved version of every offer; an offer's current definition is its
-- highest version. archived = 1 hides it from the catalog without losing its
-- history or its launches. Conditions and the cost model are columns so that
-- audience SQL reads them directly; money is Decimal.
CREATE TABLE IF NOT EXISTS offer_versions (
  offer_id        String,
  version         UInt32,
  kind            LowCardinality(String),
  name            String,
  description     String,
  stages          Array(LowCardinality(String)),
  statuses        Array(LowCardinality(String)),
  tiers           Array(LowCardinality(String)),
  min_idle_days   Nullable(UInt16),
  max_idle_days   Nullable(UInt16),
  min_level       Nullable(UInt16),
  max_level       Nullable(UInt16),
  servers         Array(String),
  min_clv         Nullable(Decimal(18, 4)),
  max_clv         Nullable(Decimal(18, 4)),
  risk_tiers      Array(LowCardinality(String)),
  reward          String,
  cost_kind       LowCardinality(String),
  fixed_cost      Decimal(18, 4),
  spend_share     Float64,
  assumed_uplift  Float64,
  holdout_share   Float64,
  active_from     Date,
  active_to       Nullable(Date),
  enabled         UInt8,
  archived        UInt8,
  author          String,
  note            String,
  saved_at        DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (offer_id, version);

-- One row per launch: the offer version it froze, the day its audience was
-- drawn on, the seed of the treatment/holdout draw and the measurement window.
-- webhook_status: 'none' (no webhook asked), 'ok' or 'failed'; the attempts
-- are in `deliveries` (subject 'launch').
CREATE TABLE IF NOT EXISTS offer_launches (
  launch_id      String,
  offer_id       String,
  offer_version  UInt32,
  offer_json     String,
  as_of          Date,
  launched_at    DateTime64(3, 'UTC'),
  author         String,
  note           String,
  seed           UInt64,
  holdout_share  Float64,
  window_days    UInt16,
  audience       UInt32,
  treatment      UInt32,
  holdout        UInt32,
  total_cost     Decimal(18, 4),
  webhook_url    String,
  webhook_status LowCardinality(String)
) ENGINE = ReplacingMergeTree(launched_at)
ORDER BY launch_id;

-- The frozen audience of a launch: every member, its group and what it was
-- when drawn (stage, value, expected CLV, cost), so uplift compares the two
-- groups as they were at launch.
CREATE TABLE IF NOT EXISTS offer_launch_members (
  launch_id     String,
  player_id     String,
  grp           LowCardinality(String),
  server_id     String,
  stage         LowCardinality(String),
  status        LowCardinality(String),
  tier          LowCardinality(String),
  idle_days     UInt32,
  p_alive       Nullable(Float64),
  expected_clv  Decimal(18, 4),
  cost          Decimal(18, 4)
) ENGINE = MergeTree
ORDER BY (launch_id, grp, player_id);
