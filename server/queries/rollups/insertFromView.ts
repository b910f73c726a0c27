import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/** Runs a materialized view's own SELECT over all stored events into its target table. */
export async function insertFromView(db: Db, target: 'player_daily', viewSelect: string): Promise<void> {
  // viewSelect is the schema's own view definition read from system.tables, not input.
  await exec(db, `INSERT INTO ${target} ${viewSelect}`);
}
