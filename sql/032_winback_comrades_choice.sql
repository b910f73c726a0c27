-- The old-comrades referral reward becomes the third win-back choice
-- (server/winback/choices.ts): before, it was whichever active referral offer
-- had the first id. Versions saved before this file keep the seeded offer.
ALTER TABLE winback_choices ADD COLUMN IF NOT EXISTS comrades_offer_id String DEFAULT 'comrades-referral' AFTER new_server_offer_id;
