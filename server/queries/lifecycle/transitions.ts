import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { TRANSITION_ROWS } from './snapshotSql.ts';

export interface TransitionFlow {
  from: string;
  to: string;
  players: number;
  /** Lifetime spend (as of "to") of the players on this flow: the revenue they carry. */
  revenue: string;
  /** Their spend in the recent window before "to". */
  recentRevenue: string;
}

/** Players moving between lifecycle stages from one day's snapshot to another's. */
export async function transitions(db: Db, q: { from: string; to: string; server: string }): Promise<TransitionFlow[]> {
  return rows<TransitionFlow>(
    db,
    `SELECT from_stage AS from, to_stage AS to, count() AS players,
            toString(sum(lifetime_spend)) AS revenue, toString(sum(spend_r)) AS recentRevenue
     FROM (${TRANSITION_ROWS})
     GROUP BY from_stage, to_stage ORDER BY from_stage, to_stage`,
    q,
  );
}
