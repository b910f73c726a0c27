import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/**
 * On the publication of `version`: drops the stage snapshots it replaced, those
 * of every other version and its own older computations (before `since`, the
 * start of the recompute that published it, e.g. a run cut short by a restart).
 * Readers already see only the published version, so the clean-up is not waited for.
 */
export async function dropReplacedStages(db: Db, version: number, since: string): Promise<void> {
  const params = { version, since };
  for (const table of ['stage_daily', 'player_stage_daily'] as const)
    await exec(
      db,
      `DELETE FROM ${table} WHERE config_version != {version:UInt32} OR computed_at < {since:DateTime64(3)} SETTINGS lightweight_deletes_sync = 0`,
      params,
    );
}
