import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/** Puts the ids of the erasure about to run into the in-memory erasure_batch table, replacing any earlier batch. */
export async function fillErasureBatch(db: Db, ids: string[]): Promise<void> {
  await exec(db, 'TRUNCATE TABLE erasure_batch', {}, { scratch: true });
  await exec(db, 'INSERT INTO erasure_batch (id) SELECT arrayJoin({ids:Array(String)})', { ids }, { scratch: true });
}

export async function clearErasureBatch(db: Db): Promise<void> {
  await exec(db, 'TRUNCATE TABLE erasure_batch', {}, { scratch: true });
}
