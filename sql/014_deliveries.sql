-- Every attempt to deliver something outside the product: an offer audience to
-- the game's mail system, a churn report by webhook or e-mail. Written by
-- server/delivery/*; shown beside the launch or the report run it belongs to.
-- subject: what was delivered ('launch' or 'report'); subject_id: its id.
-- channel: 'webhook' or 'email'; target: the URL or the recipient address.
-- delivery_id groups the attempts of one delivery. status: 'ok' or 'failed'
-- for this attempt; http_status 0 when no answer came.
CREATE TABLE IF NOT EXISTS deliveries (
  delivery_id String,
  subject     LowCardinality(String),
  subject_id  String,
  channel     LowCardinality(String),
  target      String,
  attempt     UInt16,
  started_at  DateTime64(3, 'UTC'),
  duration_ms UInt32,
  status      LowCardinality(String),
  http_status UInt16,
  error       String
) ENGINE = MergeTree
ORDER BY (subject, subject_id, started_at);
