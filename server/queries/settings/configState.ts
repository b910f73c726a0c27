import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

export type ConfigState = 'pending' | 'published' | 'failed';

/** Records a change of state of a saved stage-rules version (sql/025). */
export async function markConfigState(db: Db, version: number, state: ConfigState): Promise<void> {
  await exec(db, `INSERT INTO lifecycle_config_state (version, state, at) VALUES ({version:UInt32}, {state:String}, now64(3))`, { version, state });
}
