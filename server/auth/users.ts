import type { PasswordSetBy, Role, UserRow } from '../../contract/auth.ts';
import { type AuditWho, audit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { conflict, invalid, notFound } from '../domainError.ts';
import { allUsers, saveUser, userByName, type UserRecord } from '../queries/accounts/users.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import { isRole } from './roles.ts';
import type { EndReason, SessionStore } from './sessions.ts';
import { checkUserName } from './userNames.ts';

/** What the account changes need: the engine and the sessions to end on revocation. */
export interface AccountsCtx {
  db: Db;
  sessions: SessionStore;
}

export const userRowOf = (u: UserRecord): UserRow => ({
  name: u.name,
  role: u.role,
  disabled: u.disabled === 1,
  passwordSetBy: u.password_set_by,
  createdAt: u.created_at,
  lastSignInAt: u.last_sign_in_at,
});

export const listUsers = async (db: Db): Promise<UserRow[]> => (await allUsers(db)).map(userRowOf);

export async function requireUser(db: Db, name: string): Promise<UserRecord> {
  const u = await userByName(db, name);
  if (!u) throw notFound(`no user named "${name}"`);
  return u;
}

function checkRole(role: unknown): Role {
  if (!isRole(role)) throw invalid('role must be one of viewer, analyst, designer, operator, admin', { code: 'role' });
  return role;
}

/** Creates an account; `setBy` is 'generated' only for the first-run admin. */
export async function createUser(
  { db }: Pick<AccountsCtx, 'db'>,
  who: AuditWho,
  input: { name: unknown; role: unknown; password: unknown },
  setBy: PasswordSetBy = 'person',
): Promise<UserRow> {
  const name = checkUserName(input.name);
  const role = checkRole(input.role);
  const password = checkPassword(input.password, name);
  if (await userByName(db, name)) throw conflict(`a user named "${name}" already exists`);
  const now = new Date().toISOString();
  const rec: UserRecord = {
    name,
    role,
    password_hash: await hashPassword(password),
    password_set_by: setBy,
    disabled: 0,
    created_at: now,
    last_sign_in_at: null,
  };
  await saveUser(db, rec);
  const row = userRowOf(rec);
  await audit(db, who, { action: 'user.create', target: name, after: row });
  return row;
}

/** Refuses a change that would leave no enabled admin (nobody could manage accounts any more). */
async function keepAnAdmin(db: Db, before: UserRecord, after: UserRecord): Promise<void> {
  const isAdmin = (u: UserRecord) => u.role === 'admin' && u.disabled === 0;
  if (!isAdmin(before) || isAdmin(after)) return;
  const others = (await allUsers(db)).filter((u) => u.name !== before.name && isAdmin(u));
  if (others.length === 0) throw conflict(`${before.name} is the last enabled admin; make another user admin first`);
}

/** Changes a user's role or disabled flag; either change ends all of the user's sessions. */
export async function updateUser(ctx: AccountsCtx, who: AuditWho, name: string, input: { role?: unknown; disabled?: unknown }): Promise<UserRow> {
  if (input.role === undefined && input.disabled === undefined) throw invalid('nothing to change: give role and/or disabled');
  if (input.disabled !== undefined && typeof input.disabled !== 'boolean') throw invalid('disabled must be true or false');
  const before = await requireUser(ctx.db, name);
  const after: UserRecord = {
    ...before,
    role: input.role === undefined ? before.role : checkRole(input.role),
    disabled: input.disabled === undefined ? before.disabled : input.disabled ? 1 : 0,
  };
  await keepAnAdmin(ctx.db, before, after);
  await saveUser(ctx.db, after);
  const reason: EndReason | undefined = after.disabled && !before.disabled ? 'disabled' : after.role !== before.role ? 'role_changed' : undefined;
  const sessionsEnded = reason ? await ctx.sessions.endAllOf(name, reason) : 0;
  const row = userRowOf(after);
  await audit(ctx.db, who, { action: 'user.update', target: name, before: userRowOf(before), after: row, detail: { sessionsEnded } });
  return row;
}

/** Sets a user's password (an admin's reset or one's own change); ends all of the user's sessions. */
export async function setUserPassword(ctx: AccountsCtx, who: AuditWho, name: string, password: unknown, action = 'user.password_reset'): Promise<UserRow> {
  const before = await requireUser(ctx.db, name);
  const checked = checkPassword(password, name);
  const after: UserRecord = { ...before, password_hash: await hashPassword(checked), password_set_by: 'person' };
  await saveUser(ctx.db, after);
  const sessionsEnded = await ctx.sessions.endAllOf(name, 'password_changed');
  const row = userRowOf(after);
  await audit(ctx.db, who, { action, target: name, before: userRowOf(before), after: row, detail: { sessionsEnded } });
  return row;
}
