-- The quarantine holds player ids too, and an erasure waits for its replaced parts
-- to leave the disk like those of the tables in 024: without this, its cleanup
-- backed off to 300 s on a quiet table, past the erasure's 280 s wait.
ALTER TABLE quarantine MODIFY SETTING max_cleanup_delay_period = 30;
