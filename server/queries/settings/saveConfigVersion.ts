import type { Db } from '../../db/client.ts';
import { exec, one } from '../../db/query.ts';
import type { Rules } from '../../../contract/settings.ts';
import { THRESHOLD_NAMES } from '../../lifecycle/rules.ts';
import { draftRef } from '../stages/playerStageSql.ts';
import { markConfigState } from './configState.ts';

/**
 * Stores validated rules as the next version, pending: its state row goes in
 * before the version itself, so the version is never in force before its
 * recompute publishes it. Returns its number.
 */
export async function saveConfigVersion(db: Db, rules: Rules, meta: { author: string; note: string; restoredFrom: number }): Promise<number> {
  const last = await one<{ v: number }>(db, `SELECT max(version) AS v FROM lifecycle_config`);
  const version = Number(last?.v ?? 0) + 1;
  await markConfigState(db, version, 'pending');
  // Column names and their typed parameters come from the fixed threshold list; the values are parameters.
  await exec(
    db,
    `INSERT INTO lifecycle_config (version, author, note, restored_from, ${THRESHOLD_NAMES.join(', ')})
     SELECT {version:UInt32}, {author:String}, {note:String}, {restoredFrom:UInt32}, ${THRESHOLD_NAMES.map(draftRef).join(', ')}`,
    { ...rules, ...meta, version },
  );
  return version;
}
