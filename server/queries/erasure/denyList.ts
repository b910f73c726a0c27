import type { Db } from '../../db/client.ts';
import { exec, rows } from '../../db/query.ts';

/** Puts keyed hashes on the deny list (sql/021_erasure.sql); a hash already there stays once. */
export async function addToDenyList(db: Db, hashes: string[]): Promise<void> {
  await exec(db, 'INSERT INTO erased_players (key_hash) SELECT arrayJoin({hashes:Array(String)})', { hashes });
}

/** Every keyed hash on the deny list. */
export async function deniedHashes(db: Db): Promise<string[]> {
  return (await rows<{ h: string }>(db, 'SELECT DISTINCT key_hash AS h FROM erased_players')).map((r) => r.h);
}
