/**
 * A destination URL as it may be stored or shown (launch records, delivery
 * attempts, logs): no userinfo, and no query values, which is where webhook
 * endpoints commonly carry their keys (?token=..., ?sig=...). The host and
 * path stay, so a reader still knows where it went.
 */
export function shownUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(/\/\/[^/?#@]*@/, '//***@').replace(/\?.*$/, '?***');
  }
  if (u.username || u.password) {
    u.username = '***';
    u.password = '';
  }
  for (const key of [...new Set(u.searchParams.keys())]) u.searchParams.set(key, '***');
  return u.toString().replace(/%2A%2A%2A/g, '***');
}
