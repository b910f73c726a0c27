-- The ingest ledger: one row per file content (sha256), latest state wins.
CREATE TABLE IF NOT EXISTS ingest_files (
  file_hash        String,
  file_name        String,
  kind             LowCardinality(String),
  size_bytes       UInt64,
  state            LowCardinality(String),
  rows_total       UInt64,
  rows_loaded      UInt64,
  rows_quarantined UInt64,
  rows_duplicate   UInt64,
  min_day          Nullable(Date),
  max_day          Nullable(Date),
  error            String,
  run_id           String,
  started_at       DateTime64(3, 'UTC'),
  finished_at      Nullable(DateTime64(3, 'UTC')),
  updated_at       DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY file_hash;

CREATE TABLE IF NOT EXISTS ingest_runs (
  run_id           String,
  source           LowCardinality(String),
  started_at       DateTime64(3, 'UTC'),
  finished_at      Nullable(DateTime64(3, 'UTC')),
  files            UInt32,
  rows_loaded      UInt64,
  rows_quarantined UInt64,
  rows_duplicate   UInt64,
  error            String,
  updated_at       DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY run_id;

-- Rows that could not be loaded, with where they came from and why.
-- Keyed by (file, line) so a file re-run after a crash does not list a row twice.
CREATE TABLE IF NOT EXISTS quarantine (
  file_hash   String,
  file_name   String,
  kind        LowCardinality(String),
  line        UInt64,
  raw         String,
  reason      LowCardinality(String),
  at          DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(at)
ORDER BY (file_hash, line);

-- Per-file working tables: parsed and validated rows (stage_*) and the rows not
-- seen before (fresh_*). Runs never overlap, so one set of tables serves all files.
CREATE TABLE IF NOT EXISTS stage_sessions (
  line UInt64, raw String, reason String,
  event_id String, player_id String, server_id String, start DateTime64(3, 'UTC'),
  duration_s UInt32, day Date, level UInt16, platform String, channel String
) ENGINE = Memory;

CREATE TABLE IF NOT EXISTS stage_payments (
  line UInt64, raw String, reason String,
  event_id String, player_id String, server_id String, ts DateTime64(3, 'UTC'), day Date,
  amount Decimal(18, 4), amount_orig Decimal(18, 4), currency String, sku String, channel String
) ENGINE = Memory;

CREATE TABLE IF NOT EXISTS fresh_sessions (
  line UInt64,
  event_id String, player_id String, server_id String, start DateTime64(3, 'UTC'),
  duration_s UInt32, day Date, level UInt16, platform String, channel String
) ENGINE = Memory;

CREATE TABLE IF NOT EXISTS fresh_payments (
  line UInt64,
  event_id String, player_id String, server_id String, ts DateTime64(3, 'UTC'), day Date,
  amount Decimal(18, 4), amount_orig Decimal(18, 4), currency String, sku String, channel String
) ENGINE = Memory;
