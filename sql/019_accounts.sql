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
