-- cohort_members names players (server/erasure/tables.ts): like the other such
-- tables (024_cleanup_delay.sql), it looks for replaced parts to remove at least
-- every 30 s, so an erasure does not wait minutes for their cleanup.
ALTER TABLE cohort_members MODIFY SETTING max_cleanup_delay_period = 30;
