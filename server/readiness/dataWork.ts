import type { Db } from '../db/client.ts';
import { stageWrites } from '../lifecycle/stageLock.ts';

// Jobs that write the data in several statements (an ingest and its refresh, a model fit) hold this
// while they run, so the page warmer does not compute pages from half-written data in a pause between two statements.
const running = new WeakMap<Db, number>();

/** Runs `work` marked as writing the data of `db`. */
export async function writingData<T>(db: Db, work: () => Promise<T>): Promise<T> {
  running.set(db, (running.get(db) ?? 0) + 1);
  try {
    return await work();
  } finally {
    running.set(db, (running.get(db) ?? 1) - 1);
  }
}

/** True while a job marked by writingData runs on `db`, or a stage snapshot writer holds its lock (a rules recompute among them). */
export const dataBeingWritten = (db: Db): boolean => (running.get(db) ?? 0) > 0 || stageWrites(db).locked;
