import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { VERSION_IN_FORCE } from '../stages/inForce.ts';

/** The version of the stage rules in force (the newest published one). */
export async function versionInForce(db: Db): Promise<number> {
  const r = await one<{ v: number }>(db, `SELECT ${VERSION_IN_FORCE} AS v`);
  return Number(r?.v ?? 0);
}
