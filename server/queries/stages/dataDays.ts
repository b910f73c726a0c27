import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

export interface DataDays {
  minDay: string | null;
  maxDay: string | null;
}

/** First and last day with any activity. */
export async function dataDays(db: Db): Promise<DataDays> {
  const r = await one<DataDays>(db, `SELECT minOrNull(day) AS minDay, maxOrNull(day) AS maxDay FROM player_daily`);
  return r ?? { minDay: null, maxDay: null };
}
