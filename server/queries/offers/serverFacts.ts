import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { ACTIVE_DAY } from '../metrics/activity.ts';
import { lastDays, priorDays } from '../metrics/windows.ts';

export interface ServerFacts {
  serverId: string;
  firstDay: string;
  /** Days from the server's first day with activity to the as-of day, both counted. */
  ageDays: number;
  /** Mean daily active players over the {days} days ending on the as-of day, and the {days} before. */
  dauRecent: number;
  dauPrior: number;
}

const DAYS = '{days:UInt16}';

/** Every server with activity up to the day: its age and its active trend, from the daily rollup. */
export function serverFacts(db: Db, asOf: string, days: number): Promise<ServerFacts[]> {
  return rows<ServerFacts>(
    db,
    `SELECT server_id AS serverId, min(day) AS firstDay, toUInt32(dateDiff('day', min(day), {asOf:Date}) + 1) AS ageDays,
            uniqExactIf((player_id, day), ${ACTIVE_DAY} AND ${lastDays('asOf', DAYS)}) / ${DAYS} AS dauRecent,
            uniqExactIf((player_id, day), ${ACTIVE_DAY} AND ${priorDays('asOf', DAYS)}) / ${DAYS} AS dauPrior
     FROM player_daily
     WHERE day <= {asOf:Date}
     GROUP BY server_id
     ORDER BY server_id`,
    { asOf, days },
  );
}
