import type { Request } from 'express';
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

/** A 401 or 403: appends `request.refused` with the method and route; anything else leaves no entry. Rejects when the append fails. */
export function refusalAuditor(deps: Pick<Deps, 'db' | 'cfg' | 'log'>) {
  const audited = auditor(deps);
  return async (req: Request, err: unknown): Promise<void> => {
    if (!(err instanceof DomainError) || (err.kind !== 'unauthenticated' && err.kind !== 'forbidden')) return;
    const route = routeOf(req.method, req.originalUrl);
    await audited.record(req, {
      action: 'request.refused',
      target: `${req.method} ${route}`,
      outcome: 'refused',
      detail: { status: err.kind === 'unauthenticated' ? 401 : 403, method: req.method, route },
    });
  };
}
