import type { AuditEntry } from '../../../contract/audit.ts';
import type { Db } from '../../db/client.ts';
import { insertRows, one } from '../../db/query.ts';

/** One stored audit entry, as written and as read back for verification: what the API shows, and the chain's links. */
export interface AuditRecord extends AuditEntry {
  prev_hash: string;
  hash: string;
}

export const lastAuditEntry = (db: Db) => one<Pick<AuditRecord, 'seq' | 'hash'>>(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');

/** The trail is read only on the Audit page and by verify, never by a cached answer. */
export const appendAuditRecord = (db: Db, r: AuditRecord) => insertRows(db, 'audit_log', [r], { control: true });
