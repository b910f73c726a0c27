import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

/** First and last day with a stored player stage snapshot. */
export async function snapshotDays(db: Db): Promise<{ first: string | null; last: string | null }> {
  const r = await one<{ first: string | null; last: string | null }>(
    db,
    `SELECT toString(minOrNull(day)) AS first, toString(maxOrNull(day)) AS last FROM player_stage_daily`,
  );
  return { first: r?.first ?? null, last: r?.last ?? null };
}
