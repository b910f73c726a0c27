-- A retried ingest chunk carries the same dedup token; the raw table drops it,
-- and the daily rollup must drop its half too, so player_daily keeps a dedup
-- window like the raw tables (the chunk insert also asks the views to dedup).
ALTER TABLE player_daily MODIFY SETTING non_replicated_deduplication_window = 1000;
