import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { LocalCredential } from './localCredential.ts';
import { WarmerCredential } from '../readiness/warmRequest.ts';
import { type Clock, SessionStore } from './sessions.ts';
import { SignInLimiter } from './signInLimiter.ts';
import { SignInLinks } from './signInLinks.ts';

const HOUR = 3_600_000;

/** The in-memory side of accounts for one server process: sessions, the sign-in limiter, one-time links, the local credential. */
export interface Accounts {
  sessions: SessionStore;
  limiter: SignInLimiter;
  links: SignInLinks;
  local: LocalCredential;
  /** The page warmer's in-memory credential (server/readiness/pageWarmer.ts). */
  warmer: WarmerCredential;
  /** The session cookie's Max-Age: the absolute session lifetime. */
  cookieMaxAgeMs: number;
}

export function createAccounts(db: Db, cfg: Config, now: Clock = Date.now): Accounts {
  const maxMs = cfg.auth.sessionMaxDays * 24 * HOUR;
  return {
    sessions: new SessionStore(db, { idleMs: cfg.auth.sessionIdleHours * HOUR, maxMs }, now),
    limiter: new SignInLimiter(cfg.auth.signIn, now),
    links: new SignInLinks(now),
    local: new LocalCredential(),
    warmer: new WarmerCredential(),
    cookieMaxAgeMs: maxMs,
  };
}
