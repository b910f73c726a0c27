-- The audit trail (issue 12): append-only, one row per change or sensitive
-- read. `hash` is SHA-256 over the previous entry's hash and this entry's
-- fields (server/audit/chain.ts), so an edited or deleted row breaks the chain
-- (`npm run audit -- verify`); DATA_DIR/audit.head names the latest entry, so a
-- deleted tail shows too (server/audit/head.ts). before/after hold JSON of changed objects, never
-- a password, a token or an erased player's data.
CREATE TABLE IF NOT EXISTS audit_log (
  seq        UInt64,
  at         DateTime64(3, 'UTC'),
  actor      String,
  role       LowCardinality(String),
  via        LowCardinality(String),
  ip         String,
  action     LowCardinality(String),
  target     String,
  outcome    LowCardinality(String),
  detail     String,
  before     String,
  after      String,
  prev_hash  String,
  hash       String
) ENGINE = MergeTree
ORDER BY seq;
