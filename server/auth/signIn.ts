import { type AuditWho, audit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { DomainError, invalid, unauthenticated } from '../domainError.ts';
import { saveUser, userByName } from '../queries/accounts/users.ts';
import type { Accounts } from './accounts.ts';
import { verifyPassword } from './passwords.ts';
import type { LiveSession } from './sessions.ts';
import { setUserPassword } from './users.ts';
import { USER_NAME } from './userNames.ts';

/** One message for an unknown user and a wrong password, so the answer does not say which names exist. */
export const BAD_CREDENTIALS = 'wrong user name or password';

export interface SignedIn {
  /** For the cookie only; never logged or stored. */
  secret: string;
  session: LiveSession;
}

const textField = (body: Record<string, unknown>, name: string): string => {
  const v = body[name];
  if (typeof v !== 'string' || v === '') throw invalid(`${name} is required`);
  return v;
};

/** The audit's "who" for someone signing in: the account, from their address. */
const claimant = (user: string, role: string, ip: string): AuditWho => ({ actor: user.slice(0, 64), role, via: 'session', ip });

/**
 * Checks a user name and password and opens a new session. Unknown names and
 * wrong passwords cost one argon2 verification each and get the same answer;
 * failures count towards the limiter's growing delay; every outcome is audited.
 */
export async function signIn(db: Db, accounts: Accounts, body: Record<string, unknown>, ip: string): Promise<SignedIn> {
  const user = textField(body, 'user');
  const password = textField(body, 'password');
  const rec = USER_NAME.test(user) ? await userByName(db, user) : undefined;
  // An unknown name is never written to the trail: people type their password into the name field.
  const who = rec ? claimant(rec.name, rec.role, ip) : claimant('anonymous', '', ip);
  const target = rec ? rec.name : '(unknown user)';
  try {
    accounts.limiter.check(user, ip);
  } catch (err) {
    await audit(db, who, { action: 'session.sign_in', target, outcome: 'refused', detail: { reason: 'rate_limited' } });
    throw err;
  }
  const ok = await verifyPassword(rec?.password_hash, password);
  if (!rec || !ok) {
    accounts.limiter.fail(user, ip);
    await audit(db, who, { action: 'session.sign_in', target, outcome: 'failed', detail: { reason: rec ? 'wrong_password' : 'unknown_user' } });
    throw new DomainError('unauthenticated', BAD_CREDENTIALS, { code: 'bad_credentials' });
  }
  if (rec.disabled) {
    await audit(db, who, { action: 'session.sign_in', target, outcome: 'refused', detail: { reason: 'disabled' } });
    throw new DomainError('unauthenticated', 'this account is disabled; ask an admin to enable it', { code: 'disabled' });
  }
  accounts.limiter.succeed(user);
  return openSession(db, accounts, rec.name, ip, 'password');
}

/** Signs in with a one-time link printed at start (loopback only). */
export async function signInWithLink(db: Db, accounts: Accounts, body: Record<string, unknown>, ip: string): Promise<SignedIn> {
  const name = accounts.links.consume(textField(body, 'token'));
  const rec = name ? await userByName(db, name) : undefined;
  if (!rec || rec.disabled) {
    await audit(db, claimant('anonymous', '', ip), { action: 'session.sign_in', outcome: 'failed', detail: { reason: 'bad_link' } });
    throw new DomainError('unauthenticated', 'this sign-in link is unknown, already used or expired; sign in with your password', { code: 'bad_link' });
  }
  return openSession(db, accounts, rec.name, ip, 'link');
}

async function openSession(db: Db, accounts: Accounts, name: string, ip: string, method: 'password' | 'link'): Promise<SignedIn> {
  const rec = await userByName(db, name);
  if (!rec) throw unauthenticated(BAD_CREDENTIALS);
  const opened = await accounts.sessions.create(rec.name, rec.role);
  await saveUser(db, { ...rec, last_sign_in_at: new Date(accounts.sessions.now()).toISOString() });
  await audit(db, claimant(rec.name, rec.role, ip), { action: 'session.sign_in', target: rec.name, detail: { method } });
  return opened;
}

/**
 * Changes one's own password: the current one must be right (failures count
 * like failed sign-ins). Every session of the user ends, this one included;
 * the caller gets a new session.
 */
export async function changeOwnPassword(db: Db, accounts: Accounts, who: AuditWho, body: Record<string, unknown>): Promise<SignedIn> {
  const current = textField(body, 'current');
  accounts.limiter.check(who.actor, who.ip);
  const rec = await userByName(db, who.actor);
  if (!rec || !(await verifyPassword(rec.password_hash, current))) {
    accounts.limiter.fail(who.actor, who.ip);
    await audit(db, who, { action: 'session.password_change', target: who.actor, outcome: 'failed', detail: { reason: 'wrong_current_password' } });
    throw new DomainError('unauthenticated', 'the current password is wrong', { code: 'bad_current_password' });
  }
  accounts.limiter.succeed(who.actor);
  await setUserPassword({ db, sessions: accounts.sessions }, who, rec.name, body.password, 'session.password_change');
  const opened = await accounts.sessions.create(rec.name, rec.role);
  return opened;
}
