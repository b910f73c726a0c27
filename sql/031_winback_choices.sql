-- Which catalog offer prices the rescue decision and which the new-server
-- planner (server/winback/choices.ts): a designer's choice, every save a new
-- version with its author and note (the audit trail holds the change too).
-- Without a row the seeded offers are used (returning-reward, new-server).
CREATE TABLE IF NOT EXISTS winback_choices (
  version             UInt32,
  rescue_offer_id     String,
  new_server_offer_id String,
  author              String,
  note                String,
  saved_at            DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY version;
