import type { SnapshotPair, TransitionFlow } from '../../../contract/lifecycle.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { TRANSITION_ROWS } from './snapshotSql.ts';

/** Players moving between lifecycle stages from one day's snapshot to another's. */
export async function transitions(db: Db, q: SnapshotPair): Promise<TransitionFlow[]> {
  return rows<TransitionFlow>(
    db,
    `SELECT from_stage AS from, to_stage AS to, count() AS players,
            toString(sum(lifetime_spend)) AS lifetimeSpend, toString(sum(spend_r)) AS recentSpend
     FROM (${TRANSITION_ROWS})
     GROUP BY from_stage, to_stage ORDER BY from_stage, to_stage`,
    q,
  );
}
