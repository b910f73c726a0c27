import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

/** The newest saved version still pending (its recompute not finished), or null: what a start picks up again. */
export async function pendingVersion(db: Db): Promise<number | null> {
  const r = await one<{ v: number | null }>(
    db,
    `SELECT maxOrNull(version) AS v FROM (SELECT version FROM lifecycle_config_state GROUP BY version HAVING argMax(state, at) = 'pending')
     WHERE version IN (SELECT version FROM lifecycle_config)`,
  );
  return r?.v === null || r?.v === undefined ? null : Number(r.v);
}
