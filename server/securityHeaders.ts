import type { NextFunction, Request, Response } from 'express';

/**
 * The dashboard's Content-Security-Policy: scripts, styles and data only from
 * this origin. Inline styles stay allowed because ECharts' tooltips write
 * theirs as markup; inline scripts, plugins, <base> rewrites and framing by
 * other sites do not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** One year, the usual HSTS age; sent only on HTTPS, where a browser honours it. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Headers every answer carries (OWASP secure headers). A route may set a
 * stricter policy of its own afterwards, as the stored report pages do.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
  if (req.secure) res.set('Strict-Transport-Security', HSTS);
  next();
}
