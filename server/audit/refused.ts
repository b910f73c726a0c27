import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { Deps } from '../deps.ts';
import { DomainError } from '../domainError.ts';
import { PERMISSIONS } from '../routes/permissions.ts';
import { auditor } from './audited.ts';

// Each route of the permission table as a pattern: ':name' stands for one path segment.
const ROUTES = Object.keys(PERMISSIONS).map((key) => {
  const [method, route] = key.split(' ') as [string, string];
  const pattern = route.replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+');
  return { method, route, re: new RegExp(`^${pattern}/?$`) };
});

/**
 * The route a request was for, as registered ("/api/players/:id"), never the
 * path it sent: the path can hold a player id and the query anything at all.
 */
export function routeOf(method: string, originalUrl: string): string {
  const path = originalUrl.split('?')[0] ?? '';
  return ROUTES.find((r) => r.method === method && r.re.test(path))?.route ?? '(no such route)';
}

/**
 * Error middleware placed before the one that answers: a 401 or 403 appends
 * `request.refused` with the method and route before its answer leaves, and
 * an entry that cannot be written turns the answer into a 500. Any other
 * error passes through untouched.
 */
export function auditRefusals(deps: Pick<Deps, 'db' | 'cfg' | 'log'>): ErrorRequestHandler {
  const audited = auditor(deps);
  const record = (req: Request, err: DomainError) => {
    const route = routeOf(req.method, req.originalUrl);
    return audited.record(req, {
      action: 'request.refused',
      target: `${req.method} ${route}`,
      outcome: 'refused',
      detail: { status: err.kind === 'unauthenticated' ? 401 : 403, method: req.method, route, reason: err.details?.code },
    });
  };
  return (err: unknown, req: Request, _res: Response, next: NextFunction) => {
    // A public route's 401 (a failed sign-in) has its own entry from the accounts code.
    const publicRoute = (PERMISSIONS as Record<string, string>)[`${req.method} ${routeOf(req.method, req.originalUrl)}`] === 'public';
    if (!(err instanceof DomainError) || (err.kind !== 'unauthenticated' && err.kind !== 'forbidden') || publicRoute) {
      next(err);
      return;
    }
    record(req, err).then(
      () => next(err),
      (auditErr: unknown) => next(auditErr),
    );
  };
}
