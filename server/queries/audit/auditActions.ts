import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/** Every action the trail holds, for the Audit page's filter. */
export async function auditActions(db: Db): Promise<string[]> {
  return (await rows<{ action: string }>(db, 'SELECT DISTINCT toString(action) AS action FROM audit_log ORDER BY action')).map((r) => r.action);
}
