-- Lifetime models (DESIGN section 7): every fit attempt and the per-player scores
-- of the successful ones. Written by server/models/refresh.ts.

-- One row per fit attempt and kind, written when the attempt ends.
-- kind: engagement (transactions = active days, every player) or monetary
-- (purchase days, payers; carries the Gamma-Gamma spend fit too).
-- status: ok (scores written), failed (the fit did not converge, a parameter ran
-- off, or an error), skipped (too few players to fit); only ok runs have scores.
-- params: the fitted parameters as JSON ({} when none); details: JSON with each
-- model's fit summary and the CLV horizon and discount used.
CREATE TABLE IF NOT EXISTS model_runs (
  run_id         String,
  kind           LowCardinality(String),
  unit           LowCardinality(String),
  as_of          Date,
  started_at     DateTime64(3, 'UTC'),
  finished_at    DateTime64(3, 'UTC'),
  status         LowCardinality(String),
  message        String,
  params         String,
  log_likelihood Nullable(Float64),
  players        UInt64,
  triples        UInt64,
  iterations     UInt32,
  scored_players UInt64,
  stats_s        Float64,
  fit_s          Float64,
  score_s        Float64,
  details        String
) ENGINE = MergeTree
ORDER BY (kind, started_at);

-- Scores of one run per partition, so a run is replaced by dropping its partition.
-- Readers take the latest ok run of each kind in model_runs; a run's scores are
-- complete before its ok row is written, so a failed or crashed refresh leaves
-- the previous scores in place. Engagement rows carry the churn-risk tier;
-- monetary rows carry the expected spend per purchase day and the CLV (money as
-- Decimal, never a float). x, t_x_days and T_days are the calibration summary.
CREATE TABLE IF NOT EXISTS player_scores (
  run_id         String,
  kind           LowCardinality(String),
  as_of          Date,
  player_id      String,
  x              UInt32,
  t_x_days       UInt32,
  T_days         UInt32,
  p_alive        Float64,
  expected_30    Float64,
  expected_90    Float64,
  risk_tier      LowCardinality(String),
  expected_spend Nullable(Decimal(18, 4)),
  expected_clv   Nullable(Decimal(18, 4))
) ENGINE = MergeTree
PARTITION BY run_id
ORDER BY player_id;

-- Scratch inputs of a scoring run: the scores of each distinct calibration
-- summary, computed once in TypeScript, joined to every player in SQL, then
-- dropped with their partition.
CREATE TABLE IF NOT EXISTS model_score_triples (
  run_id                  String,
  x                       UInt32,
  t_x_days                UInt32,
  T_days                  UInt32,
  p_alive                 Float64,
  expected_30             Float64,
  expected_90             Float64,
  risk_tier               LowCardinality(String),
  discounted_transactions Float64
) ENGINE = MergeTree
PARTITION BY run_id
ORDER BY (x, t_x_days, T_days);

CREATE TABLE IF NOT EXISTS model_score_spend (
  run_id         String,
  x              UInt32,
  zbar           Decimal(18, 4),
  expected_spend Decimal(18, 4)
) ENGINE = MergeTree
PARTITION BY run_id
ORDER BY (x, zbar);
