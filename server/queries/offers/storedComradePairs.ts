import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';
import { type ComradePairRow, PAIR_FIELDS } from './comradePairs.ts';

/**
 * One page of a stored run's pairs in the page's order: most valuable lapsed
 * players first, each one's comrades by rank; and how many there are.
 */
export async function storedComradePairs(db: Db, q: { runId: string; limit: number; offset: number }): Promise<{ total: number; rows: ComradePairRow[] }> {
  const p = { run: q.runId, limit: q.limit, offset: q.offset };
  const [page, count] = await Promise.all([
    rows<ComradePairRow>(
      db,
      `SELECT ${PAIR_FIELDS}
       FROM comrade_pairs WHERE run_id = {run:String}
       ORDER BY lapsed_spend DESC, lapsed_id, rank LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      p,
    ),
    one<{ n: number }>(db, 'SELECT count() AS n FROM comrade_pairs WHERE run_id = {run:String}', p),
  ]);
  return { total: Number(count?.n ?? 0), rows: page };
}
