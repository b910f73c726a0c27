-- The ingester's working table of conflicting duplicates: staged rows whose
-- event_id was seen first (already stored, or on an earlier line of the file)
-- with another player or value. They go to the quarantine; the first one stays.
-- `raw` is the row as staged (its fields as JSON): staging keeps no text of good rows.
-- Runs never overlap, so one table serves every kind and file.
CREATE TABLE IF NOT EXISTS stage_conflicts (
  line UInt64, raw String, reason String
) ENGINE = Memory;
