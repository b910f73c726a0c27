import { createApiToken } from '../../server/auth/tokens.ts';
import type { Db } from '../../server/db/client.ts';
import type { Role } from '../../contract/auth.ts';

/** A fetch that carries an API token of `role` (created on `db`), as scripts and BI tools call the API. */
export async function tokenFetch(db: Db, role: Role = 'admin', name = `tests-${role}`): Promise<{ token: string; fetch: typeof fetch }> {
  const { token } = await createApiToken(db, name, role, 'tests');
  const signed: typeof fetch = (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  return { token, fetch: signed };
}
