// GET /api/readiness: whether the pages' first requests are computed for the data as it stands.

/**
 * `ready`: every page's first requests are answered from memory for the current data.
 * `warming`: the data changed (an ingest, a model fit, a rule or offer change); they are being computed.
 * `waiting`: the data changed while a job still writes (an ingest with its refresh); warming starts when it ends.
 * `off`: the response cache is turned off (API_CACHE_SECONDS=0), so nothing is kept.
 */
export interface Readiness {
  state: 'ready' | 'warming' | 'waiting' | 'off';
  /** Requests computed so far and in all, in the current (or last) warming. */
  done: number;
  total: number;
  /** Seconds the current warming has run, or the last one took. */
  seconds: number;
  /** When the pages were last ready (ISO time); null before the first warming ends. */
  readyAt: string | null;
  /** Requests of the last warming that failed, each with its status (the pages compute them when opened). */
  failed: { url: string; status: number }[];
}
