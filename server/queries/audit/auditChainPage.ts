import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import type { AuditRecord } from './appendAudit.ts';

/**
 * One page of the trail in chain order, every stored field, after (seq, hash):
 * keyset paging, so verification reads a trail of any length in pages, and a
 * second row with the same seq (an inserted one) is still read.
 */
export function auditChainPage(db: Db, after: { seq: number; hash: string }, limit: number): Promise<AuditRecord[]> {
  return rows<AuditRecord>(
    db,
    `SELECT seq, at, actor, role, via, ip, action, target, outcome, detail, before, after, prev_hash, hash
     FROM audit_log
     WHERE (seq, hash) > ({seq:UInt64}, {hash:String})
     ORDER BY seq, hash
     LIMIT {limit:UInt32}`,
    { ...after, limit },
  );
}
