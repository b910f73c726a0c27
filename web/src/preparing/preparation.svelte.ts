// Whether the server is still preparing the demo game of a first start, polled until it is not, so every page
// waits behind the preparing screen and then loads its data by itself.
import type { Preparation } from '../../../contract/preparing.ts';
import { ApiError, getPreparing } from '../lib/api.ts';

const POLL_MS = 1000;
const RETRY_MS = 3000;

let state = $state.raw<Preparation | null>(null);
let watching = false;

/** The last answer of GET /api/preparing; null until the first one. */
export const preparation = (): Preparation | null => state;

/**
 * Starts polling (App.svelte calls it once signed in); stops when the preparation is over, or on a refusal (the
 * session ended: the sign-in page shows, and signing in starts it again). Other failures are tried again.
 */
export async function watchPreparation(): Promise<void> {
  if (watching) return;
  watching = true;
  for (;;) {
    try {
      state = await getPreparing();
      if (state.state !== 'preparing') break;
      await sleep(POLL_MS);
    } catch (err) {
      if (err instanceof ApiError && err.status < 500) break;
      await sleep(RETRY_MS);
    }
  }
  watching = false;
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Seconds as m:ss (h:mm:ss past an hour), the same in every language. */
export function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const mmss = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, '0')}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss.padStart(5, '0')}` : mmss;
}
