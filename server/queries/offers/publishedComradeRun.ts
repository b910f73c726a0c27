import type { ComradeBasis } from '../../../contract/winback.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

export interface ComradeRun {
  runId: string;
  asOf: string;
  basis: ComradeBasis;
  lapsed: number;
  seconds: number;
  publishedAt: string;
}

/** The newest published computation of the comrade pairs (sql/025 comrade_runs), or undefined before the first one. */
export function publishedComradeRun(db: Db): Promise<ComradeRun | undefined> {
  return one<ComradeRun>(
    db,
    `SELECT run_id AS runId, as_of AS asOf, toString(basis) AS basis, lapsed, seconds, published_at AS publishedAt
     FROM comrade_runs ORDER BY published_at DESC, run_id DESC LIMIT 1`,
  );
}
