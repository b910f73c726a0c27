-- Who restored which version: a restore saves a copy of an earlier version as a new one.
ALTER TABLE lifecycle_config ADD COLUMN IF NOT EXISTS restored_from UInt32 DEFAULT 0 AFTER note;
