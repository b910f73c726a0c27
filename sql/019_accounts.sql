-- Team access (issue 12): accounts, sign-in sessions and API tokens. A change
-- writes a newer row of the same key (read with FINAL); secrets are stored only
-- as hashes (argon2id for passwords, SHA-256 for random 256-bit tokens).

-- password_set_by: 'generated' (the first-run admin password) or 'person'.
CREATE TABLE IF NOT EXISTS users (
  name            String,
  role            LowCardinality(String),
  password_hash   String,
  password_set_by LowCardinality(String),
  disabled        UInt8,
  created_at      DateTime64(3, 'UTC'),
  last_sign_in_at Nullable(DateTime64(3, 'UTC')),
  updated_at      DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY name;

-- One row per API token; `token_hash` is SHA-256 of the token.
CREATE TABLE IF NOT EXISTS api_tokens (
  token_hash   String,
  name         String,
  role         LowCardinality(String),
  created_by   String,
  created_at   DateTime64(3, 'UTC'),
  last_used_at Nullable(DateTime64(3, 'UTC')),
  revoked      UInt8,
  updated_at   DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY token_hash;

-- One row per sign-in session (named apart from `sessions`, the players' game sessions); `token_hash` is SHA-256 of the random 256-bit
-- session token held in the cookie. last_seen_at is written at most every few
-- minutes (server/auth/sessions.ts keeps the exact time in memory); ended = 1
-- once signed out, expired or revoked (ended_reason says which).
CREATE TABLE IF NOT EXISTS user_sessions (
  token_hash   String,
  user         String,
  created_at   DateTime64(3, 'UTC'),
  last_seen_at DateTime64(3, 'UTC'),
  ended        UInt8,
  ended_reason LowCardinality(String),
  updated_at   DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY token_hash;
