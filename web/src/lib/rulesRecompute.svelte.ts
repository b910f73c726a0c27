// The background recompute of a saved stage-rules version, polled so every page can show its banner and the
// Settings page its progress; when a version is published, `applied()` moves and App.svelte reloads the page.
import type { RulesRecompute } from '../../../contract/settings.ts';
import { ApiError, getRulesRecompute } from './api.ts';

/** Often enough for a progress bar while one runs; rarely otherwise, to notice a save made in another tab. */
const RUNNING_MS = 1500;
const IDLE_MS = 20_000;
const RETRY_MS = 5000;

let state = $state.raw<RulesRecompute | null>(null);
let appliedCount = $state(0);
let watching = false;
let wake: (() => void) | null = null;

/** The last answer of GET /api/settings/lifecycle/recompute; null until the first one. */
export const rulesRecompute = (): RulesRecompute | null => state;

/** Counts the versions this tab saw published: a page keyed on it loads again under the new version. */
export const applied = (): number => appliedCount;

/** Polls at once (after a save), rather than at the next idle tick. */
export function pollRulesNow(): void {
  wake?.();
}

/** Starts polling (App.svelte, once signed in); stops on a refusal (the session ended). */
export async function watchRulesRecompute(): Promise<void> {
  if (watching) return;
  watching = true;
  for (;;) {
    let wait = IDLE_MS;
    try {
      const before = state;
      state = await getRulesRecompute();
      // A finished run, or a version published between two polls (a short run, another tab).
      if (before && ((before.state === 'running' && state.state !== 'running') || before.inForce !== state.inForce)) appliedCount++;
      if (state.state === 'running') wait = RUNNING_MS;
    } catch (err) {
      if (err instanceof ApiError && err.status < 500 && err.status !== 429) break;
      wait = RETRY_MS;
    }
    await new Promise<void>((ok) => {
      const timer = setTimeout(ok, wait);
      wake = () => (clearTimeout(timer), ok());
    });
    wake = null;
  }
  watching = false;
}
