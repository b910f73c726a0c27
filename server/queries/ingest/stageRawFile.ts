import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { InboxFile } from '../../ingest/fileKind.ts';
import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import { stagingInsertSql } from './stagingSql.ts';

export interface StagingParams {
  tz: string;
  /** Epoch seconds, for the future-time check. */
  now: string;
  base: string;
  currencies: string[];
  rates: string[];
  /** Keys the deny list's hashes (server/erasure/playerKey.ts). */
  erasure_key: string;
  /** The plausibility limits: largest payment (base currency, decimal string), longest session (s), highest level. */
  max_payment: string;
  max_session_s: number;
  max_level: number;
}

/**
 * Parses and validates a whole file into the staging table. The embedded
 * engine reads the file itself (file()); a server cannot see this machine's
 * files, so the bytes are streamed to it as the INSERT's input.
 */
export async function stageRawFile(db: Db, filePath: string, info: InboxFile, params: StagingParams): Promise<void> {
  if (db.engine === 'embedded') {
    await exec(db, stagingInsertSql(info.kind, info.format, 'file'), { ...params, path: filePath, compression: info.gzip ? 'gzip' : 'none' });
    return;
  }
  const raw = createReadStream(filePath);
  const body = info.gzip ? raw.pipe(createGunzip()) : raw;
  const r = await db.client.exec({ query: stagingInsertSql(info.kind, info.format, 'input'), query_params: { ...params }, values: body });
  r.stream.resume();
}
