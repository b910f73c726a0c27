import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Content hash that keys the ingest ledger: the same bytes under any name are one file. */
export async function hashFile(filePath: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}
