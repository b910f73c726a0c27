-- Alerts (server/alerts): rules that watch the data after each refresh and on a
-- timer. Figures are decimal text in Decimal(38, 4): a count, money in the base
-- currency, hours or percentage points, by rule (contract/alerts.ts says which).

-- Every alert fired, latest state wins: acknowledging writes a new row of the
-- same alert_id with acknowledged_by/at set. Acknowledged alerts stay here as history.
CREATE TABLE IF NOT EXISTS alerts (
  alert_id        String,
  rule            LowCardinality(String),
  day             Nullable(Date),
  observed        Nullable(Decimal(38, 4)),
  expected        Nullable(Decimal(38, 4)),
  band_low        Nullable(Decimal(38, 4)),
  band_high       Nullable(Decimal(38, 4)),
  params          String,
  detail          String,
  fired_at        DateTime64(3, 'UTC'),
  acknowledged_by String,
  acknowledged_at Nullable(DateTime64(3, 'UTC')),
  updated_at      DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY alert_id;

-- Each rule's last check (why it did or did not fire), latest wins: shown, never
-- summed, so its figures stay as the check wrote them (JSON of AlertFigures).
CREATE TABLE IF NOT EXISTS alert_checks (
  rule       LowCardinality(String),
  outcome    LowCardinality(String),
  figures    String,
  checked_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(checked_at)
ORDER BY rule;

-- The rules' settings and the recipients, one row per saved version (JSON of AlertSettings' rules and notify).
CREATE TABLE IF NOT EXISTS alert_settings (
  version  UInt32,
  settings String,
  author   String,
  saved_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY version;
