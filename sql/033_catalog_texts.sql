-- Catalog data carries its words in the dashboard's languages (contract/texts.ts),
-- as a JSON object by language code, shown to a user of that language instead of
-- the record's own words:
--   offers:           {"zh": {"name": "...", "description": "...", "reward": "..."}}
--   report schedules: {"zh": {"name": "..."}}
-- Records saved before this carry none and show their own words in every language,
-- but for the default weekly schedule, which gets its Chinese name here as a new
-- install does (server/reports/scheduleConfig.ts).
ALTER TABLE offer_versions ADD COLUMN IF NOT EXISTS texts String DEFAULT '{}' AFTER reward;
ALTER TABLE report_schedules ADD COLUMN IF NOT EXISTS texts String DEFAULT '{}' AFTER name;
ALTER TABLE report_schedules UPDATE texts = '{"zh":{"name":"每周流失报告"}}'
WHERE schedule_id = 'weekly' AND source = 'default' AND name = 'Weekly churn report' AND texts = '{}'
SETTINGS mutations_sync = 2;
