import type { Role, TokenCreated, TokenRow } from '../../contract/auth.ts';
import { allTokens, saveToken, tokenByHash, type TokenRecord } from '../queries/accounts/apiTokens.ts';
import type { Db } from '../db/client.ts';
import { conflict, invalid, notFound } from '../domainError.ts';
import { hashSecret, newSecret } from './secrets.ts';

const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
/** Prefix of every API token, so a leaked one is recognisable in a scan. */
const PREFIX = 'pld_';
/** A token's last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

/** Creates a named token with a role; the token itself is returned once and only its hash is kept. */
export async function createApiToken(db: Db, name: string, role: Role, createdBy: string): Promise<TokenCreated> {
  if (!TOKEN_NAME.test(name))
    throw invalid(`a token name is 1 to 64 letters, digits, spaces, dots, dashes or underscores, got "${name}"`, { code: 'token_name' });
  if ((await allTokens(db)).some((t) => t.name === name && !t.revoked)) throw conflict(`a token named "${name}" already exists; revoke it first`);
  const token = PREFIX + newSecret();
  await saveToken(db, {
    token_hash: hashSecret(token),
    name,
    role,
    created_by: createdBy,
    created_at: new Date().toISOString(),
    last_used_at: null,
    revoked: 0,
  });
  return { name, role, token };
}

const rowOf = (t: TokenRecord): TokenRow => ({
  name: t.name,
  role: t.role,
  createdBy: t.created_by,
  createdAt: t.created_at,
  lastUsedAt: t.last_used_at,
  revoked: t.revoked === 1,
});

export const listApiTokens = async (db: Db): Promise<TokenRow[]> => (await allTokens(db)).map(rowOf);

export async function revokeApiToken(db: Db, name: string): Promise<TokenRow> {
  const live = (await allTokens(db)).find((t) => t.name === name && !t.revoked);
  if (!live) throw notFound(`no live token named "${name}"`);
  const revoked = { ...live, revoked: 1 as const };
  await saveToken(db, revoked);
  return rowOf(revoked);
}

/** The live token a bearer value stands for, or undefined; records its use (at most once a minute). */
export async function tokenOfBearer(db: Db, bearer: string): Promise<TokenRecord | undefined> {
  if (!bearer.startsWith(PREFIX)) return undefined;
  const t = await tokenByHash(db, hashSecret(bearer));
  if (!t || t.revoked) return undefined;
  const now = Date.now();
  if (!t.last_used_at || now - Date.parse(t.last_used_at) > TOUCH_EVERY_MS) await saveToken(db, { ...t, last_used_at: new Date(now).toISOString() });
  return t;
}
