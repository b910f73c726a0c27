import type { TokenCreated, TokenRow } from '../../contract/auth.ts';
import { type AuditWho, audit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { invalid } from '../domainError.ts';
import { isRole } from './roles.ts';
import { createApiToken, revokeApiToken } from './tokens.ts';

/** Creates an API token and audits it (the token itself never reaches the trail). */
export async function issueToken(db: Db, who: AuditWho, body: { name?: unknown; role?: unknown }): Promise<TokenCreated> {
  if (typeof body.name !== 'string') throw invalid('name is required', { code: 'name_required' });
  if (!isRole(body.role)) throw invalid('role must be one of viewer, analyst, designer, operator, admin', { code: 'role' });
  const created = await createApiToken(db, body.name, body.role, who.actor);
  await audit(db, who, { action: 'token.create', target: created.name, after: { name: created.name, role: created.role } });
  return created;
}

export async function revokeToken(db: Db, who: AuditWho, name: string): Promise<TokenRow> {
  const row = await revokeApiToken(db, name);
  await audit(db, who, { action: 'token.revoke', target: name, after: row });
  return row;
}
