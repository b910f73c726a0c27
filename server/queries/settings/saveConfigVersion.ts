import type { Db } from '../../db/client.ts';
import { exec, one } from '../../db/query.ts';
import type { Rules } from '../../../contract/settings.ts';
import { THRESHOLD_NAMES } from '../../lifecycle/rules.ts';
import { draftRef } from '../stages/playerStageSql.ts';

/** Stores validated rules as the next version, which becomes the active one; returns its number. */
export async function saveConfigVersion(db: Db, rules: Rules, meta: { author: string; note: string; restoredFrom: number }): Promise<number> {
  const last = await one<{ v: number }>(db, `SELECT max(version) AS v FROM lifecycle_config`);
  const version = Number(last?.v ?? 0) + 1;
  // Column names and their typed parameters come from the fixed threshold list; the values are parameters.
  await exec(
    db,
    `INSERT INTO lifecycle_config (version, author, note, restored_from, ${THRESHOLD_NAMES.join(', ')})
     SELECT {version:UInt32}, {author:String}, {note:String}, {restoredFrom:UInt32}, ${THRESHOLD_NAMES.map(draftRef).join(', ')}`,
    { ...rules, ...meta, version },
  );
  return version;
}
