import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'pld_session';
/** Over HTTPS: the browser only accepts it with Secure, Path=/ and no Domain, so a sibling host cannot plant one. */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** The cookie's name for this request: req.secure counts X-Forwarded-Proto only when TRUST_PROXY says the proxy may be believed. */
export const sessionCookieName = (req: Request) => (req.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

/** The session secret sent in the request's cookie, if any. */
export function sessionCookieOf(req: Request): string | undefined {
  const name = sessionCookieName(req);
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim()) || undefined;
  }
  return undefined;
}

export function setSessionCookie(req: Request, res: Response, secret: string, maxAgeMs: number): void {
  res.removeHeader('Set-Cookie'); // drops the clearing of an ended session's cookie, set earlier in this request
  res.cookie(sessionCookieName(req), secret, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure, maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(sessionCookieName(req), { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
}
