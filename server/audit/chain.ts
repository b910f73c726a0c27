import { createHash } from 'node:crypto';
import type { AuditRecord } from '../queries/audit/appendAudit.ts';

/** The hash of an entry: SHA-256 over the previous entry's hash and every field of this one, in a fixed order. */
export function entryHash(r: Omit<AuditRecord, 'hash'>): string {
  const fields = [r.seq, r.at, r.actor, r.role, r.via, r.ip, r.action, r.target, r.outcome, r.detail, r.before, r.after];
  return createHash('sha256').update(r.prev_hash).update('\n').update(JSON.stringify(fields)).digest('hex');
}
