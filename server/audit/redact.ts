/** A delivery address as the trail keeps it: the host only, so a webhook's path, query or credentials never land there. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
}
