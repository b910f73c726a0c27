import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { AUDIT_FILTER_SQL, type AuditFilterParams } from './auditFilterSql.ts';

/** How many entries match the filters. */
export async function auditCount(db: Db, f: AuditFilterParams): Promise<number> {
  const r = await one<{ n: number }>(db, `SELECT count() AS n FROM audit_log WHERE ${AUDIT_FILTER_SQL}`, { ...f });
  return r?.n ?? 0;
}
