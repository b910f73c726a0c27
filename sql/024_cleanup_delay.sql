-- The tables that name a player (server/erasure/tables.ts PLAYER_TABLES) look for
-- replaced parts to remove at least every 30 s. The engine's cleanup backs off up
-- to 300 s on a quiet table, and an erasure waits for that cleanup before it can
-- say the rows are gone from disk: with the default, an erasure on a table that
-- had been quiet for minutes could wait five.
ALTER TABLE sessions MODIFY SETTING max_cleanup_delay_period = 30;
ALTER TABLE payments MODIFY SETTING max_cleanup_delay_period = 30;
ALTER TABLE friend_links MODIFY SETTING max_cleanup_delay_period = 30;
ALTER TABLE player_daily MODIFY SETTING max_cleanup_delay_period = 30;
ALTER TABLE player_server_first MODIFY SETTING max_cleanup_delay_period = 30;
ALTER TABLE player_attributes MODIFY SETTING max_cleanup_delay_period = 30;
ALTER TABLE player_stage_daily MODIFY SETTING max_cleanup_delay_period = 30;
ALTER TABLE player_scores MODIFY SETTING max_cleanup_delay_period = 30;
ALTER TABLE offer_launch_members MODIFY SETTING max_cleanup_delay_period = 30;
ALTER TABLE comrade_lapsed MODIFY SETTING max_cleanup_delay_period = 30;
ALTER TABLE comrade_active_days MODIFY SETTING max_cleanup_delay_period = 30;
