-- Scheduled churn reports (issue 6): the schedules and every run. Written by
-- server/reports/*; delivery attempts of a run are in `deliveries`
-- (subject 'report', subject_id = run_id).

-- Every saved version of every schedule; a schedule's current definition is
-- its highest version. period: 'day' | 'week' | 'month' (the window a run
-- reports). source: 'dashboard', 'config' (REPORT_SCHEDULES file) or
-- 'default' (the weekly report created when there is none).
CREATE TABLE IF NOT EXISTS report_schedules (
  schedule_id String,
  version     UInt32,
  name        String,
  cron        String,
  tz          String,
  period      LowCardinality(String),
  langs       Array(LowCardinality(String)),
  emails      Array(String),
  webhooks    Array(String),
  top_n       UInt16,
  sections    Array(LowCardinality(String)),
  enabled     UInt8,
  archived    UInt8,
  source      LowCardinality(String),
  author      String,
  saved_at    DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (schedule_id, version);

-- One row per run and language; a state change writes a newer row of the same
-- run_id (read with FINAL). A run is claimed by writing it 'running' with the
-- engine's clock; of two claims of one window the earlier wins and the other
-- removes itself (is_deleted = 1), so runs of a window never overlap.
-- trigger: 'schedule' | 'catch_up' | 'manual' | 'cli'; fired_at: the cron
-- fire time a scheduled or catch-up run stands for. state: 'running' | 'done'
-- | 'failed'. files: JSON [{name, bytes, sha256}] under output_dir.
CREATE TABLE IF NOT EXISTS report_runs (
  run_id           String,
  schedule_id      String,
  schedule_version UInt32,
  window_from      Date,
  window_to        Date,
  lang             LowCardinality(String),
  trigger          LowCardinality(String),
  fired_at         Nullable(DateTime64(3, 'UTC')),
  options          String,
  state            LowCardinality(String),
  started_at       DateTime64(6, 'UTC'),
  finished_at      Nullable(DateTime64(3, 'UTC')),
  error            String,
  output_dir       String,
  files            String,
  updated_at       DateTime64(6, 'UTC'),
  is_deleted       UInt8
) ENGINE = ReplacingMergeTree(updated_at, is_deleted)
ORDER BY run_id;
