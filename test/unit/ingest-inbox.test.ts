import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles } from '../../server/ingest/ingestRun.ts';
import { type FileLook, type SettleIo, settledFiles } from '../../server/ingest/settledFiles.ts';

/** A disk of looks by name; `during` is what writers do while the check waits. */
function fakeIo(disk: Map<string, FileLook>, during: (disk: Map<string, FileLook>) => void = () => {}) {
  const calls = { looks: 0, waits: [] as number[] };
  const io: SettleIo = {
    look: (file) => {
      calls.looks++;
      return disk.get(file) ?? null;
    },
    sleep: async (ms) => {
      calls.waits.push(ms);
      during(disk);
    },
  };
  return { io, calls };
}

describe('settledFiles', () => {
  it('takes only files whose size and modification time held still over the wait', async () => {
    const disk = new Map<string, FileLook>([
      ['still', { size: 10, mtimeMs: 1 }],
      ['longer', { size: 10, mtimeMs: 1 }],
      ['rewritten', { size: 10, mtimeMs: 1 }],
      ['renamed_away', { size: 10, mtimeMs: 1 }],
    ]);
    const { io, calls } = fakeIo(disk, (d) => {
      d.set('longer', { size: 12, mtimeMs: 2 });
      d.set('rewritten', { size: 10, mtimeMs: 2 });
      d.delete('renamed_away');
      d.set('appeared', { size: 5, mtimeMs: 2 });
    });
    expect(await settledFiles(['still', 'longer', 'rewritten', 'renamed_away', 'appeared'], 3, io)).toEqual({
      settled: ['still'],
      growing: ['longer', 'rewritten', 'appeared'],
    });
    expect(calls.waits).toEqual([3000]);
  });
  it.each([
    ['the check is off', ['a', 'b'], 0],
    ['there is no file', [], 3],
  ])('neither looks nor waits when %s', async (_, files, seconds) => {
    const { io, calls } = fakeIo(new Map());
    expect(await settledFiles(files, seconds, io)).toEqual({ settled: files, growing: [] });
    expect(calls).toEqual({ looks: 0, waits: [] });
  });
});

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
