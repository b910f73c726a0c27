-- The daily stage snapshot carries every feature its readers use (value lists,
-- offer audiences, win-back), so every page reads "the stage of a player on a
-- day" from the one snapshot instead of evaluating the stage view again.
-- `features` = 1 marks rows written with these columns; rows written before
-- hold defaults there, and readers use the stage view for such a day until the
-- refresh below has written it again.
ALTER TABLE player_stage_daily
  ADD COLUMN IF NOT EXISTS tenure_days UInt32 DEFAULT 0 AFTER idle_days,
  ADD COLUMN IF NOT EXISTS active_r    UInt16 DEFAULT 0 AFTER tenure_days,
  ADD COLUMN IF NOT EXISTS active_p    UInt16 DEFAULT 0 AFTER active_r,
  ADD COLUMN IF NOT EXISTS spend_p     Decimal(38, 4) DEFAULT 0 AFTER spend_r,
  ADD COLUMN IF NOT EXISTS paying_days UInt32 DEFAULT 0 AFTER lifetime_spend,
  ADD COLUMN IF NOT EXISTS active_days UInt32 DEFAULT 0 AFTER paying_days,
  ADD COLUMN IF NOT EXISTS max_level   UInt16 DEFAULT 0 AFTER active_days,
  ADD COLUMN IF NOT EXISTS features    UInt8 DEFAULT 0 AFTER max_level;

-- Every stored day is snapshotted again by the stage refresh that runs at the
-- next start (server/lifecycle/snapshots.ts, refreshDirtyStages), from the
-- earliest stored day or an earlier day already marked stale.
INSERT INTO app_settings (key, value)
SELECT 'stages_dirty_from', toString(least(min(day), ifNull(
         (SELECT toDateOrNull(argMax(value, updated_at)) FROM app_settings WHERE key = 'stages_dirty_from'), toDate('2149-06-06'))))
FROM player_stage_daily
HAVING count() > 0;
