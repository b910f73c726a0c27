-- Every player's lifecycle features and stage as of a day (windows end on the
-- day, inclusive), under the active lifecycle_config. Rules are evaluated in
-- order: exploration, decline, growth, stable (DESIGN section 6).
-- Usage: SELECT * FROM player_stage(as_of = '2026-03-01')
CREATE VIEW IF NOT EXISTS player_stage AS
WITH (SELECT window_days FROM active_lifecycle_config) AS w
SELECT
  f.player_id AS player_id,
  f.server_id AS server_id,
  f.first_day AS first_day,
  f.last_day AS last_day,
  f.tenure_days AS tenure_days,
  f.idle_days AS idle_days,
  f.active_r AS active_r,
  f.active_p AS active_p,
  f.spend_r AS spend_r,
  f.spend_p AS spend_p,
  f.lifetime_spend AS lifetime_spend,
  f.paying_days AS paying_days,
  f.first_pay_day AS first_pay_day,
  multiIf(
    f.tenure_days < c.explore_tenure_days
      OR (f.tenure_days < c.explore_max_tenure_days
          AND f.paying_days <= c.explore_max_paying_days
          AND f.lifetime_spend < c.explore_spend_cap), 'exploration',
    f.idle_days >= c.decline_idle_days
      OR (f.active_p >= c.decline_min_prior_active AND f.active_r <= c.decline_active_ratio * f.active_p)
      OR (f.spend_p > 0 AND f.spend_r <= c.decline_spend_ratio * f.spend_p), 'decline',
    (f.spend_r > 0 AND f.spend_r >= c.growth_spend_ratio * f.spend_p)
      OR (f.active_r >= c.growth_min_recent_active AND f.active_r >= c.growth_active_ratio * f.active_p)
      OR (f.first_pay_day IS NOT NULL AND f.first_pay_day > {as_of:Date} - w), 'growth',
    'stable') AS stage,
  multiIf(stage != 'decline', '',
          f.idle_days >= c.lost_idle_days, 'lost',
          f.idle_days >= c.lapsed_idle_days, 'lapsed',
          'leaving') AS status,
  multiIf(f.lifetime_spend <= 0, 'non_payer',
          f.spend_rank >= c.whale_percentile, 'whale',
          f.spend_rank >= c.dolphin_percentile, 'dolphin',
          'minnow') AS tier
FROM (
  -- Lifetime-spend percentile among payers (0 = smallest payer, 1 = largest).
  SELECT f0.*, percent_rank() OVER (PARTITION BY f0.lifetime_spend > 0 ORDER BY f0.lifetime_spend) AS spend_rank
  FROM (
  SELECT
    player_id,
    min(day) AS first_day,
    max(day) AS last_day,
    argMax(server_id, last_ts) AS server_id,
    dateDiff('day', min(day), {as_of:Date}) AS tenure_days,
    dateDiff('day', max(day), {as_of:Date}) AS idle_days,
    uniqExactIf(day, sessions > 0 AND day > {as_of:Date} - w) AS active_r,
    uniqExactIf(day, sessions > 0 AND day <= {as_of:Date} - w AND day > {as_of:Date} - 2 * w) AS active_p,
    sumIf(revenue, day > {as_of:Date} - w) AS spend_r,
    sumIf(revenue, day <= {as_of:Date} - w AND day > {as_of:Date} - 2 * w) AS spend_p,
    sum(revenue) AS lifetime_spend,
    uniqExactIf(day, payments > 0) AS paying_days,
    minIf(toNullable(day), payments > 0) AS first_pay_day
  FROM player_daily
  WHERE day <= {as_of:Date}
  GROUP BY player_id
) AS f0
) AS f
CROSS JOIN active_lifecycle_config AS c;

-- Daily activity and revenue, all servers or one (server = '').
-- Usage: SELECT * FROM daily_kpi(from = '2026-01-01', to = '2026-01-31', server = '')
CREATE VIEW IF NOT EXISTS daily_kpi AS
SELECT
  day,
  uniqExactIf(player_id, sessions > 0) AS dau,
  uniqExactIf(player_id, payments > 0) AS payers,
  sum(revenue) AS revenue
FROM player_daily
WHERE day BETWEEN {from:Date} AND {to:Date}
  AND ({server:String} = '' OR server_id = {server:String})
GROUP BY day;

-- Players new on each day: first session or payment ever (on the chosen server when one is given).
CREATE VIEW IF NOT EXISTS daily_new_players AS
SELECT first_day AS day, count() AS new_players
FROM (
  SELECT player_id, min(first_day) AS first_day
  FROM player_server_first
  WHERE {server:String} = '' OR server_id = {server:String}
  GROUP BY player_id
)
WHERE first_day BETWEEN {from:Date} AND {to:Date}
GROUP BY first_day;

-- Snapshot of stage counts per day, refreshed after each ingest for the days it touched.
-- A day is re-computed by inserting a newer batch; readers take the latest computed_at per day.
CREATE TABLE IF NOT EXISTS stage_daily (
  day         Date,
  server_id   LowCardinality(String),
  stage       LowCardinality(String),
  status      LowCardinality(String),
  tier        LowCardinality(String),
  players     UInt64,
  spend_r     Decimal(38, 4),
  computed_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (day, computed_at, server_id, stage, status, tier);
