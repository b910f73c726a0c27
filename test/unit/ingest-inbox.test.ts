import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles } from '../../server/ingest/ingestRun.ts';

describe('collectFiles', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'collect-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const names = ['payments_1.ndjson', 'payments_2.ndjson.part', 'sessions_3.csv.TMP', '.payments_4.ndjson', 'notes.txt'];
  for (const n of names) writeFileSync(path.join(dir, n), '');
  const at = (...n: string[]) => n.map((x) => path.join(dir, x));

  it('reports files under a temporary or hidden name as ignored, in a scanned folder and when named', () => {
    expect(collectFiles([dir])).toEqual({
      files: at('payments_1.ndjson'),
      ignored: at('.payments_4.ndjson', 'notes.txt', 'payments_2.ndjson.part', 'sessions_3.csv.TMP'),
    });
    expect(collectFiles(at('payments_2.ndjson.part'))).toEqual({ files: [], ignored: at('payments_2.ndjson.part') });
  });
});
