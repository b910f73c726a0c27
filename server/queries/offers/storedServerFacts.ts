import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { lastDays, priorDays } from '../metrics/windows.ts';
import type { ServerFacts } from './serverFacts.ts';

const DAYS = '{days:UInt16}';

/**
 * serverFacts from the stored per-day, per-server figures (overview_daily,
 * sql/028): a server's first day is its first row there (every day with any
 * activity on it has one), and the active players of a window are the sum of
 * its days' DAU, each (player, day) counted once, as the live query counts them.
 */
export function storedServerFacts(db: Db, asOf: string, days: number): Promise<ServerFacts[]> {
  return rows<ServerFacts>(
    db,
    `SELECT server_id AS serverId, min(day) AS firstDay, toUInt32(dateDiff('day', min(day), {asOf:Date}) + 1) AS ageDays,
            sumIf(dau, ${lastDays('asOf', DAYS)}) / ${DAYS} AS dauRecent,
            sumIf(dau, ${priorDays('asOf', DAYS)}) / ${DAYS} AS dauPrior
     FROM overview_daily
     WHERE total = 0 AND day <= {asOf:Date}
     GROUP BY server_id
     ORDER BY server_id`,
    { asOf, days },
  );
}
