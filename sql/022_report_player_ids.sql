-- Whether a schedule's delivered reports (e-mail, webhook) carry player ids.
-- 0 (the default, also for every schedule saved before): the player lists go
-- out as counts and sums only, and their CSV files stay in the dashboard.
ALTER TABLE report_schedules ADD COLUMN IF NOT EXISTS include_player_ids UInt8 DEFAULT 0 AFTER enabled;
