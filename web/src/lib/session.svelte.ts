// Who is signed in, for the whole app: loaded at start (or from a one-time sign-in link), dropped on any 401,
// so App.svelte shows the sign-in page and, once signed in again, the page the user was on (the URL never changes).
import type { Me } from '../../../contract/auth.ts';
import { ApiError, getSession, signInWithLink, signOut as endSession, useCsrfToken, whenUnauthorized } from './api.ts';
import { setParams } from './url.ts';

/** Why the sign-in page shows: nothing yet, the session ended under the user, they signed out, or a link failed. */
export type SignedOutReason = 'none' | 'expired' | 'signedOut' | 'linkFailed';

type State = { kind: 'loading' } | { kind: 'in'; me: Me } | { kind: 'out'; reason: SignedOutReason } | { kind: 'failed'; error: string };

let state = $state.raw<State>({ kind: 'loading' });

export const sessionState = (): State => state;

/** The signed-in actor, or null while loading or signed out. */
export const me = (): Me | null => (state.kind === 'in' ? state.me : null);

export function adopt(next: Me): void {
  useCsrfToken(next.csrfToken);
  state = { kind: 'in', me: next };
}

export function signedOut(reason: SignedOutReason): void {
  useCsrfToken(null);
  state = { kind: 'out', reason };
}

whenUnauthorized(() => {
  if (state.kind === 'in') signedOut('expired');
});

/** Start-up: a one-time sign-in link (?signin=) is used and dropped from the URL first, so it is never bookmarked or reused. */
export async function startSession(): Promise<void> {
  const link = new URLSearchParams(location.search).get('signin');
  if (link) {
    setParams({ signin: null });
    try {
      adopt(await signInWithLink(link));
      return;
    } catch (err) {
      // A used or expired link falls back to the current session, if any.
      if (!(err instanceof ApiError) || err.status >= 500) return fail(err);
      const ok = await reload();
      if (!ok && state.kind === 'out') signedOut('linkFailed');
      return;
    }
  }
  await reload();
}

/** Asks the server who we are; false when nobody is signed in. */
export async function reload(): Promise<boolean> {
  try {
    adopt(await getSession());
    return true;
  } catch (err) {
    // The server says when a session cookie came back expired (or was ended by an admin).
    if (err instanceof ApiError && err.status === 401) signedOut(err.code === 'session_expired' ? 'expired' : 'none');
    else fail(err);
    return false;
  }
}

function fail(err: unknown): void {
  state = { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
}

export async function signOut(): Promise<void> {
  try {
    await endSession();
  } finally {
    signedOut('signedOut');
  }
}
