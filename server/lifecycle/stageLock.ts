import type { Db } from '../db/client.ts';

/**
 * A small async mutex: callers run one after another, in arrival order. A
 * failure releases the lock and reaches its own caller only.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();
  private held = false;

  get locked(): boolean {
    return this.held;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      this.held = true;
      try {
        return await work();
      } finally {
        this.held = false;
      }
    });
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

const locks = new WeakMap<Db, AsyncMutex>();

/**
 * The one writer of stage snapshots per engine: the refresh after an ingest,
 * the daily snapshot, a backfill and a rules version's recompute never
 * interleave, so a recompute's days and its publication see one state of the
 * data, and a refresh never writes for a version that a publication replaces.
 */
export function stageWrites(db: Db): AsyncMutex {
  let lock = locks.get(db);
  if (!lock) {
    lock = new AsyncMutex();
    locks.set(db, lock);
  }
  return lock;
}
