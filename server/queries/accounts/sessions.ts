import type { Db } from '../../db/client.ts';
import { insertRows, one, rows } from '../../db/query.ts';

/** A sign-in session; times are epoch milliseconds (the session clock may be a test's). */
export interface SessionRecord {
  token_hash: string;
  user: string;
  created_ms: number;
  last_seen_ms: number;
  ended: 0 | 1;
  ended_reason: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Writes a session's current state; `at` (the session clock) orders the versions of one session. */
export const saveSession = (db: Db, s: SessionRecord, at: number) =>
  insertRows(
    db,
    'user_sessions',
    [
      {
        token_hash: s.token_hash,
        user: s.user,
        created_at: iso(s.created_ms),
        last_seen_at: iso(s.last_seen_ms),
        ended: s.ended,
        ended_reason: s.ended_reason,
        updated_at: iso(at),
      },
    ],
    { control: true },
  );

// Epoch milliseconds come back as text (64-bit integers are quoted in JSON).
const COLUMNS = `token_hash, user, toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(last_seen_at) AS last_seen_ms, ended, ended_reason`;
type Raw = Omit<SessionRecord, 'created_ms' | 'last_seen_ms'> & { created_ms: string | number; last_seen_ms: string | number };
const parsed = (r: Raw): SessionRecord => ({ ...r, created_ms: Number(r.created_ms), last_seen_ms: Number(r.last_seen_ms) });

export async function sessionByHash(db: Db, tokenHash: string): Promise<SessionRecord | undefined> {
  const r = await one<Raw>(db, `SELECT ${COLUMNS} FROM user_sessions FINAL WHERE token_hash = {tokenHash:String}`, { tokenHash });
  return r && parsed(r);
}

export async function liveSessionsOf(db: Db, user: string): Promise<SessionRecord[]> {
  return (await rows<Raw>(db, `SELECT ${COLUMNS} FROM user_sessions FINAL WHERE user = {user:String} AND ended = 0`, { user })).map(parsed);
}
