import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** What two looks at a file compare: a writer still at work changes at least one of them. */
export interface FileLook {
  size: number;
  mtimeMs: number;
}

/** The disk and the clock, passed in so the unit tests neither touch files nor wait. */
export interface SettleIo {
  /** null when the file is gone. */
  look: (file: string) => FileLook | null;
  sleep: (ms: number) => Promise<void>;
}

export interface Settled {
  /** Unchanged over the wait: as complete as anyone can tell from outside. */
  settled: string[];
  /** Changed between the two looks: still being written, left for a later run. */
  growing: string[];
}

const diskIo: SettleIo = {
  look: (file) => {
    const s = statSync(file, { throwIfNoEntry: false });
    return s ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  },
  sleep: (ms) => sleep(ms),
};

const same = (a: FileLook | null, b: FileLook) => a !== null && a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * Splits `files` by whether their size and modification time hold still for `seconds`: the safety net for
 * writers that cannot write under a temporary name and rename (README, "How game servers should write files").
 * Looks only when there is a file to look at; 0 seconds takes every file at once.
 */
export async function settledFiles(files: string[], seconds: number, io: SettleIo = diskIo): Promise<Settled> {
  if (seconds <= 0 || files.length === 0) return { settled: files, growing: [] };
  const first = files.map((f) => io.look(f));
  await io.sleep(seconds * 1000);
  const out: Settled = { settled: [], growing: [] };
  files.forEach((file, i) => {
    const second = io.look(file);
    // A file gone by the second look (renamed away, deleted) leaves nothing to load or wait for.
    if (second) (same(first[i], second) ? out.settled : out.growing).push(file);
  });
  return out;
}
