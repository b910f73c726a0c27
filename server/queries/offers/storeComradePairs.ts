import type { ComradeBasis } from '../../../contract/winback.ts';
import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import { type ComradeChunk, comradeChunkParams, comradePairsSql } from './comradePairs.ts';

/**
 * Writes one chunk's pairs into comrade_pairs under the run id. Unpublished
 * rows change no answer (readers read the published run only), so the
 * response cache keeps its answers until the run is published.
 */
export async function storeComradePairs(db: Db, basis: ComradeBasis, q: ComradeChunk): Promise<void> {
  await exec(db, `INSERT INTO comrade_pairs SELECT {run:String}, * FROM (${comradePairsSql(basis)})`, comradeChunkParams(basis, q), { scratch: true });
}
