import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

/** Whether any friend link known on the day is stored: then comrades come from the links. */
export async function hasFriendLinks(db: Db, asOf: string, tz: string): Promise<boolean> {
  const r = await one<{ n: number }>(
    db,
    `SELECT toUInt8(count() > 0) AS n FROM (SELECT 1 FROM friend_links WHERE since IS NULL OR toDate(since, {tz:String}) <= {asOf:Date} LIMIT 1)`,
    { asOf, tz },
  );
  return Number(r?.n ?? 0) === 1;
}
