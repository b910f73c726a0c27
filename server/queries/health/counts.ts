import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

export interface DataCounts {
  sessions: number;
  payments: number;
  quarantine: number;
  players: number;
  latestEventTime: string | null;
}

export async function dataCounts(db: Db): Promise<DataCounts> {
  const r = await one<DataCounts>(
    db,
    `SELECT
       (SELECT count() FROM sessions) AS sessions,
       (SELECT count() FROM payments) AS payments,
       (SELECT count() FROM quarantine FINAL) AS quarantine,
       (SELECT uniqExact(player_id) FROM player_server_first) AS players,
       (SELECT if(count() = 0, NULL, max(last_ts)) FROM player_daily) AS latestEventTime`,
  );
  return r!;
}

export async function engineVersion(db: Db): Promise<string> {
  return (await one<{ v: string }>(db, 'SELECT version() AS v'))!.v;
}
