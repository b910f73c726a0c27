import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/** Empties a rollup table; the name comes from the rebuild's fixed list, never from input. */
export async function truncateTable(db: Db, table: 'player_daily' | 'player_server_first'): Promise<void> {
  await exec(db, `TRUNCATE TABLE ${table}`);
}
