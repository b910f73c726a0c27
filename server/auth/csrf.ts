import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The CSRF token of a session: an HMAC of a fixed label keyed by the session
 * secret, so nothing more is stored and only the holder of the cookie (read
 * by the page through GET /api/session) can know it.
 */
export const csrfTokenOf = (sessionSecret: string): string => createHmac('sha256', sessionSecret).update('pld-csrf-v1').digest('base64url');

export function csrfTokenMatches(sessionSecret: string, sent: string | undefined): boolean {
  if (!sent) return false;
  const want = Buffer.from(csrfTokenOf(sessionSecret));
  const got = Buffer.from(sent);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Methods that change nothing and so need no CSRF token. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
