import type { Db } from './client.ts';

interface Entry<T> {
  writes: number;
  at: number;
  value: Promise<T>;
}

/**
 * Keeps a computation's answer while the data it was computed from is
 * unchanged: until a write through this process moves `db.writes`, and for at
 * most `maxAgeMs` (a shared ClickHouse server has other writers; 0 keeps
 * nothing). Several requests that need the same intermediate figures (the
 * game-level offer factors, say) then compute them once per data change, and
 * concurrent askers share one computation. A failed computation is not kept.
 */
export class DataMemo<T> {
  private readonly byDb = new WeakMap<Pick<Db, 'writes'>, Map<string, Entry<T>>>();

  get(db: Pick<Db, 'writes'>, key: string, maxAgeMs: number, compute: () => Promise<T>): Promise<T> {
    if (maxAgeMs <= 0) return compute();
    let entries = this.byDb.get(db);
    if (!entries) this.byDb.set(db, (entries = new Map()));
    const now = Date.now();
    const fresh = (e: Entry<T>) => e.writes === db.writes && now - e.at < maxAgeMs;
    const hit = entries.get(key);
    if (hit && fresh(hit)) return hit.value;
    for (const [k, e] of entries) if (!fresh(e)) entries.delete(k);
    const entry = { writes: db.writes, at: now, value: compute() };
    entries.set(key, entry);
    entry.value.catch(() => entries.get(key) === entry && entries.delete(key));
    return entry.value;
  }
}

/**
 * How long a computed answer may be kept (API_CACHE_SECONDS; 0 = never): as
 * long as the data is unchanged on the embedded engine, which only this
 * process can open; at most API_CACHE_SECONDS on a shared server.
 */
export function keptForMs(db: Pick<Db, 'engine'>, cfg: { apiCacheSeconds: number }): number {
  const seconds = cfg.apiCacheSeconds;
  if (seconds <= 0) return 0;
  return db.engine === 'embedded' ? Number.POSITIVE_INFINITY : seconds * 1000;
}
