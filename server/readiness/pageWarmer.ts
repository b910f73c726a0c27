import type { Readiness } from '../../contract/readiness.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { dataBeingWritten } from './dataWork.ts';
import { pageRequests } from './pageRequests.ts';
import type { WarmGet } from './warmRequest.ts';

/** GET /api/readiness where no warmer runs: a process with the cache off, or an app built without a server (tests, tools). */
export const NO_WARMER: Readiness = { state: 'off', done: 0, total: 0, seconds: 0, readyAt: null, failed: [] };

export interface WarmerOptions {
  db: Db;
  log: Logger;
  /** Besides a marked data job (dataWork.ts): whether warming must wait (the demo being prepared). */
  busy?: () => boolean;
  /** With a shared ClickHouse server other writers exist: answers also expire, and are computed again, after this long. */
  refreshEveryMs?: number;
  /** Quiet time after the last write before warming starts (a save writes a few statements in a row). */
  quietMs?: number;
  pollMs?: number;
}

/** A shared server's answers expire (API_CACHE_SECONDS): the warmer computes them again as often. */
export function warmerTiming(db: Pick<Db, 'engine'>, cfg: Pick<Config, 'apiCacheSeconds'>): Pick<WarmerOptions, 'refreshEveryMs'> {
  return db.engine === 'remote' ? { refreshEveryMs: cfg.apiCacheSeconds * 1000 } : {};
}

const RETRY_MS = 30_000;

/** Requests computed at once: the engine answers them one or two at a time on a small machine. */
const CONCURRENCY = 2;

/**
 * Computes every page's first requests after each change of the data and
 * leaves the answers in the response cache (server/routes/responseCache.ts),
 * so that whoever opens a page next, the first look each morning included,
 * is answered from memory rather than paying for the computation. A change
 * during a warming (another ingest) stops it; the next one starts from the
 * new data once the writers are done.
 */
export class PageWarmer {
  private get?: WarmGet;
  private timer?: NodeJS.Timeout;
  private warmed = -1;
  private seen = -1;
  private seenAt = 0;
  private running?: Promise<void>;
  private readonly view: Readiness = { state: 'waiting', done: 0, total: 0, seconds: 0, readyAt: null, failed: [] };
  private startedAt = 0;
  private retryAt = 0;
  private stopped = false;

  constructor(private readonly o: WarmerOptions) {}

  /** The app to send the requests through; warming starts once attached and started. */
  attach(get: WarmGet): void {
    this.get = get;
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), this.o.pollMs ?? 200);
    this.timer.unref();
  }

  /** Stops watching; a warming in progress ends after the requests in flight. */
  stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopped = true;
    return this.running ?? Promise.resolve();
  }

  readiness(): Readiness {
    const seconds = this.view.state === 'warming' ? (performance.now() - this.startedAt) / 1000 : this.view.seconds;
    const stale = this.view.state === 'ready' && this.o.db.writes !== this.warmed;
    return { ...this.view, state: stale ? 'waiting' : this.view.state, seconds: Math.round(seconds * 10) / 10, failed: [...this.view.failed] };
  }

  /** Warms now (the first start does, before it shows the dashboard); resolves when the pages are ready or the data changed again. */
  async warmNow(onProgress?: (done: number, total: number) => void): Promise<void> {
    while (this.running) await this.running;
    this.running = this.warm(onProgress).finally(() => (this.running = undefined));
    await this.running;
  }

  /**
   * Resolves once the pages of the data as it is now are computed ahead, or
   * at once when they will not be soon (not started, waiting for the demo,
   * a failed warming waiting to retry). Background work that is no page's
   * answer (the comrade pairs) waits for it, so the pages come first.
   */
  async settled(): Promise<void> {
    const waiting = () => this.timer && this.get && !this.o.busy?.() && this.o.db.writes !== this.warmed && performance.now() >= this.retryAt;
    while (waiting()) await new Promise((ok) => setTimeout(ok, this.o.pollMs ?? 200));
  }

  private tick(): void {
    const { db } = this.o;
    if (this.running || !this.get) return;
    const expired = this.o.refreshEveryMs !== undefined && this.view.readyAt !== null && Date.now() - Date.parse(this.view.readyAt) >= this.o.refreshEveryMs;
    if (db.writes === this.warmed && !expired) return;
    const now = performance.now();
    if (db.writes !== this.seen) {
      this.seen = db.writes;
      this.seenAt = now;
    }
    if (dataBeingWritten(db) || this.o.busy?.() || now - this.seenAt < (this.o.quietMs ?? 300)) {
      if (this.view.state === 'ready') this.view.state = 'waiting';
      return;
    }
    if (now < this.retryAt) return;
    this.warmNow().catch((err: Error) => {
      // Pages still answer, computed when opened; try again later rather than at every tick.
      this.retryAt = performance.now() + RETRY_MS;
      this.view.state = 'waiting';
      this.o.log.warn('page warming failed', { error: err.message });
    });
  }

  private async warm(onProgress?: (done: number, total: number) => void): Promise<void> {
    const get = this.get;
    if (!get) return;
    const generation = this.o.db.writes;
    this.startedAt = performance.now();
    Object.assign(this.view, { state: 'warming', done: 0, total: 0, failed: [] });
    const meta = await get('/api/meta');
    const lastDay = meta.status === 200 ? ((JSON.parse(meta.body) as { maxDay: string | null }).maxDay ?? null) : null;
    const urls = [...new Set(Object.values(pageRequests(lastDay)).flat())];
    this.view.total = urls.length;
    onProgress?.(0, urls.length);
    let next = 0;
    const changed = () => this.o.db.writes !== generation || this.stopped;
    const took: { url: string; seconds: number }[] = [];
    const worker = async () => {
      while (next < urls.length && !changed()) {
        const url = urls[next++];
        const t0 = performance.now();
        const answer = await get(url);
        took.push({ url, seconds: Math.round(performance.now() - t0) / 1000 });
        if (answer.status !== 200) this.view.failed.push({ url, status: answer.status });
        this.view.done++;
        onProgress?.(this.view.done, urls.length);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    this.view.seconds = (performance.now() - this.startedAt) / 1000;
    if (changed()) {
      this.view.state = 'waiting';
      return;
    }
    this.warmed = generation;
    Object.assign(this.view, { state: 'ready', readyAt: new Date().toISOString() });
    // Where the time went, for whoever wonders why the pages took long after a load.
    const slowest = took.sort((a, b) => b.seconds - a.seconds).slice(0, 3);
    this.o.log.info('pages computed ahead', { seconds: Math.round(this.view.seconds * 10) / 10, requests: urls.length, slowest });
    // A 4xx is the page's own answer on this data (say, nothing to fit yet); a 5xx is worth a look.
    const broken = this.view.failed.filter((f) => f.status >= 500);
    if (broken.length) this.o.log.warn('some page requests could not be computed ahead', { failed: broken });
  }
}
