import type { Role } from '../../contract/auth.ts';
import type { Db } from '../db/client.ts';
import { liveSessionsOf, saveSession, sessionByHash, type SessionRecord } from '../queries/accounts/sessions.ts';
import { userByName } from '../queries/accounts/users.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** Milliseconds since the epoch; injected so tests can expire sessions without waiting. */
export type Clock = () => number;

/** A session's last request is written to the engine at most this often (the exact time stays in memory). */
export const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

/** Who a live session belongs to. */
export interface LiveSession {
  tokenHash: string;
  user: string;
  role: Role;
}

interface Cached {
  rec: SessionRecord;
  role: Role;
  /** last_seen_ms as last written to the engine. */
  persistedSeen: number;
}

export type EndReason = 'signed_out' | 'idle' | 'expired' | 'disabled' | 'role_changed' | 'password_changed';

/**
 * Sign-in sessions: created at sign-in, found by the cookie's token, ended by
 * sign-out, expiry or revocation. Kept in memory so a request reads and writes
 * nothing; a session not in memory (after a restart) is read once from the
 * engine with its user's current role.
 */
export class SessionStore {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: Db,
    private readonly limits: SessionLimits,
    readonly now: Clock = Date.now,
  ) {}

  /** A new session for the user; returns the secret for the cookie (only its hash is kept). */
  async create(user: string, role: Role): Promise<{ secret: string; session: LiveSession }> {
    const secret = newSecret();
    const at = this.now();
    this.forgetIdle(at);
    const rec: SessionRecord = { token_hash: hashSecret(secret), user, created_ms: at, last_seen_ms: at, ended: 0, ended_reason: '' };
    await saveSession(this.db, rec, at);
    this.cache.set(rec.token_hash, { rec, role, persistedSeen: at });
    return { secret, session: { tokenHash: rec.token_hash, user, role } };
  }

  /** The live session of a cookie's secret, or undefined when it is unknown, ended or expired (an expired one is ended now). */
  async resolve(secret: string): Promise<LiveSession | undefined> {
    const tokenHash = hashSecret(secret);
    const entry = this.cache.get(tokenHash) ?? (await this.load(tokenHash));
    if (!entry) return undefined;
    const at = this.now();
    const { rec } = entry;
    if (at - rec.created_ms >= this.limits.maxMs) return void (await this.end(entry, 'expired'));
    if (at - rec.last_seen_ms >= this.limits.idleMs) return void (await this.end(entry, 'idle'));
    rec.last_seen_ms = at;
    if (at - entry.persistedSeen >= TOUCH_EVERY_MS) {
      entry.persistedSeen = at;
      await saveSession(this.db, rec, at);
    }
    return { tokenHash, user: rec.user, role: entry.role };
  }

  async signOut(tokenHash: string): Promise<void> {
    const entry = this.cache.get(tokenHash) ?? (await this.load(tokenHash));
    if (entry) await this.end(entry, 'signed_out');
  }

  /** Ends every session of a user (disabled, role or password changed); returns how many were live. */
  async endAllOf(user: string, reason: EndReason): Promise<number> {
    for (const [hash, c] of this.cache) if (c.rec.user === user) this.cache.delete(hash);
    const live = await liveSessionsOf(this.db, user);
    const at = this.now();
    for (const rec of live) await saveSession(this.db, { ...rec, ended: 1, ended_reason: reason }, at);
    return live.length;
  }

  /** Drops sessions idle past the limit from memory (an abandoned browser never comes back to end its own); the engine still ends them if they return. */
  private forgetIdle(at: number): void {
    for (const [hash, c] of this.cache) if (at - c.rec.last_seen_ms >= this.limits.idleMs) this.cache.delete(hash);
  }

  private async load(tokenHash: string): Promise<Cached | undefined> {
    const rec = await sessionByHash(this.db, tokenHash);
    if (!rec || rec.ended) return undefined;
    const user = await userByName(this.db, rec.user);
    if (!user || user.disabled) return undefined;
    const entry = { rec, role: user.role, persistedSeen: rec.last_seen_ms };
    this.cache.set(tokenHash, entry);
    return entry;
  }

  private async end(entry: Cached, reason: EndReason): Promise<void> {
    this.cache.delete(entry.rec.token_hash);
    await saveSession(this.db, { ...entry.rec, ended: 1, ended_reason: reason }, this.now());
  }
}
