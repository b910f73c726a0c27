import type { NextFunction, Request, Response } from 'express';

interface Entry {
  writes: number;
  at: number;
  body: Promise<unknown>;
}

export interface CacheOptions {
  /** Off when false (API_CACHE_SECONDS=0). */
  enabled: boolean;
  /**
   * How long an answer may be served when nothing was written through this
   * process: a shared ClickHouse server has other writers. Infinity on the
   * embedded engine, which only this process can open.
   */
  maxAgeMs: number;
  maxEntries: number;
}

/** The path with its query names sorted: the same question asked with its names in another order is the same entry. */
export function cacheKey(originalUrl: string): string {
  const u = new URL(originalUrl, 'http://x');
  u.searchParams.sort();
  return `${u.pathname}${u.search}`;
}

/**
 * Serves repeated GETs of the API from memory while the data has not changed.
 * Dashboards ask the same questions many times between two ingest runs, and
 * every answer is a function of the stored data; any write through this
 * process (ingest, settings, snapshots) moves `db.writes` and retires every
 * entry. Concurrent identical requests share one computation. Only 200 JSON
 * answers are kept; errors and other bodies pass through untouched.
 */
/** What the cache watches: the engine's count of writes made through this process. */
interface WriteCounter {
  readonly writes: number;
}

export function responseCache(db: WriteCounter, { enabled, maxAgeMs, maxEntries }: CacheOptions) {
  const entries = new Map<string, Entry>();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' || !enabled) {
      next();
      return;
    }
    const key = cacheKey(req.originalUrl);
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && hit.writes === db.writes && now - hit.at < maxAgeMs) {
      hit.body.then(
        (body) => {
          res.set('X-Cache', 'hit').json(body);
        },
        () => next(), // the shared computation failed: compute this one on its own
      );
      return;
    }

    let settle!: { resolve: (b: unknown) => void; reject: (e: Error) => void };
    const body = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
    body.catch(() => {}); // waiting requests handle it; nobody else may be listening
    const entry: Entry = { writes: db.writes, at: now, body };
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);

    let settled = false;
    const drop = () => {
      if (settled) return;
      settled = true;
      if (entries.get(key) === entry) entries.delete(key);
      settle.reject(new Error('not cacheable'));
    };
    const json = res.json.bind(res);
    res.json = (b: unknown) => {
      if (!settled && res.statusCode === 200) {
        settled = true;
        settle.resolve(b);
      } else drop();
      return json(b);
    };
    res.on('finish', drop);
    res.on('close', drop);
    res.set('X-Cache', 'miss');
    next();
  };
}
