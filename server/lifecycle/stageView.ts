import type { Db } from '../db/client.ts';
import { exec } from '../db/query.ts';
import { activeRef, playerStageSql } from './rules.ts';

/**
 * (Re)creates the parameterized view player_stage(as_of) from the rule builder
 * under the active configuration, so the view and the draft preview share one
 * definition of the rules. Run at every start, after the migrations.
 */
export async function ensureStageView(db: Db): Promise<void> {
  await exec(db, `CREATE OR REPLACE VIEW player_stage AS ${playerStageSql(activeRef)}`);
}
