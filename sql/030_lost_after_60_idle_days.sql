-- New games call a player lost after 60 idle days, not 180. With 180, a game
-- younger than half a year has no lost player at all: everyone who ever left
-- stays in decline, and decline looks like most of the game. On the simulated
-- demo, of the players idle 60 to 89 days, 0.55% had a session in the next 28
-- days (30 to 59 idle days: 5.2%); the Settings back-test shows the same table
-- for each game's own players.
ALTER TABLE lifecycle_config MODIFY COLUMN lost_idle_days UInt16 DEFAULT 60;

-- A database that has not computed a stage under its first version yet starts on
-- the new default too. One that has keeps its rules: a designer changes them in
-- Settings, where the back-test shows the evidence, and the change is versioned.
ALTER TABLE lifecycle_config UPDATE lost_idle_days = 60, note = 'DESIGN section 6 defaults, lost after 60 idle days'
WHERE version = 1 AND lost_idle_days = 180
  AND (SELECT count() FROM lifecycle_config) = 1
  AND (SELECT count() FROM player_stage_daily) = 0
  AND (SELECT count() FROM stage_daily) = 0
SETTINGS mutations_sync = 2;
