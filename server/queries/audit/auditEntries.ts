import type { AuditEntry } from '../../../contract/audit.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { AUDIT_FILTER_SQL, type AuditFilterParams } from './auditFilterSql.ts';

/**
 * Entries matching the filters, newest first, below seq `before` (keyset, for
 * the CSV export's pages) and after skipping `offset` (the page's paging).
 */
export function auditEntries(db: Db, f: AuditFilterParams, page: { before: number; limit: number; offset: number }): Promise<AuditEntry[]> {
  return rows<AuditEntry>(
    db,
    `SELECT seq, at, actor, role, via, ip, action, target, outcome, detail, before, after
     FROM audit_log
     WHERE ${AUDIT_FILTER_SQL} AND seq < {before:UInt64}
     ORDER BY seq DESC
     LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
    { ...f, ...page },
  );
}
