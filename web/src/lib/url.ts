// The URL query string is the app's navigation state (page, language, overview filters), so a reload
// or a shared link restores the view. Reads are reactive: templates re-run when the query changes.
import { createSubscriber } from 'svelte/reactivity';

export type Patch = Record<string, string | null | undefined>;

/** Applies a patch to a query string; null, undefined or '' removes the parameter. */
export function withParams(search: string, patch: Patch): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(patch)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

let notify = () => {};
const subscribe = createSubscriber((update) => {
  notify = update;
  addEventListener('popstate', update);
  return () => {
    removeEventListener('popstate', update);
    notify = () => {};
  };
});

export function getParam(name: string): string {
  subscribe();
  return new URLSearchParams(location.search).get(name) ?? '';
}

const patched = (patch: Patch) => `${location.pathname}${withParams(location.search, patch)}${location.hash}`;

/** Real link target with a patch applied, so open-in-new-tab keeps the current state. */
export function hrefWith(patch: Patch): string {
  subscribe();
  return patched(patch);
}

/** Click handler for in-app links: a plain click updates the URL without a reload; modified clicks open tabs as usual. */
export function navigate(event: MouseEvent, patch: Patch): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  setParams(patch, 'push');
}

export function setParams(patch: Patch, mode: 'push' | 'replace' = 'replace'): void {
  const href = patched(patch);
  if (mode === 'push') history.pushState(null, '', href);
  else history.replaceState(null, '', href);
  notify();
}
