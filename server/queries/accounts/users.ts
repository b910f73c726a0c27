import type { PasswordSetBy, Role } from '../../../contract/auth.ts';
import type { Db } from '../../db/client.ts';
import { insertRows, one, rows } from '../../db/query.ts';

export interface UserRecord {
  name: string;
  role: Role;
  /** argon2id, PHC string format. */
  password_hash: string;
  password_set_by: PasswordSetBy;
  disabled: 0 | 1;
  created_at: string;
  last_sign_in_at: string | null;
}

const COLUMNS = 'name, role, password_hash, password_set_by, disabled, created_at, last_sign_in_at';

/** Writes a user's current state (a newer row replaces the older one). Control rows: no cached answer depends on them. */
export const saveUser = (db: Db, u: UserRecord) => insertRows(db, 'users', [{ ...u, updated_at: new Date().toISOString() }], { control: true });

// The engine answers "2026-01-02 03:04:05.678" in UTC; the wire carries ISO 8601.
const iso = (t: string) => (t.includes('T') ? t : `${t.replace(' ', 'T')}Z`);
const withIsoTimes = (u: UserRecord): UserRecord => ({ ...u, created_at: iso(u.created_at), last_sign_in_at: u.last_sign_in_at && iso(u.last_sign_in_at) });

export async function userByName(db: Db, name: string): Promise<UserRecord | undefined> {
  const u = await one<UserRecord>(db, `SELECT ${COLUMNS} FROM users FINAL WHERE name = {name:String}`, { name });
  return u && withIsoTimes(u);
}

export const allUsers = async (db: Db) => (await rows<UserRecord>(db, `SELECT ${COLUMNS} FROM users FINAL ORDER BY name`)).map(withIsoTimes);
