import type { Role } from '../../../contract/auth.ts';
import type { Db } from '../../db/client.ts';
import { insertRows, one, rows } from '../../db/query.ts';

export interface TokenRecord {
  token_hash: string;
  name: string;
  role: Role;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked: 0 | 1;
}

/** Writes a token's current state (a newer row replaces the older one). Control rows: no cached answer depends on them. */
export const saveToken = (db: Db, t: TokenRecord) => insertRows(db, 'api_tokens', [{ ...t, updated_at: new Date().toISOString() }], { control: true });

export const tokenByHash = (db: Db, tokenHash: string) =>
  one<TokenRecord>(
    db,
    `SELECT token_hash, name, role, created_by, created_at, last_used_at, revoked
     FROM api_tokens FINAL WHERE token_hash = {tokenHash:String}`,
    { tokenHash },
  );

export const allTokens = (db: Db) =>
  rows<TokenRecord>(db, 'SELECT token_hash, name, role, created_by, created_at, last_used_at, revoked FROM api_tokens FINAL ORDER BY created_at');
