import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Access } from '../../contract/auth.ts';
import type { RequestSpec } from '../../contract/params.ts';
import type { Accounts } from '../auth/accounts.ts';
import { allows } from '../auth/roles.ts';
import type { Deps } from '../deps.ts';
import { DomainError, forbidden } from '../domainError.ts';
import { isWarmRequest } from '../readiness/warmRequest.ts';
import { parseParams } from './input.ts';

/** Makes the routers the route files register on; every route gets its access check (and, for GETs, the response cache) first. */
export type RouterFactory = () => Router;

/** What a route file is given: the app's dependencies and its router factory. */
export type RouteDeps = Deps & { router: RouterFactory; accounts: Accounts };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Refuses a caller below `access`: 401 when nobody is signed in (saying so when a session has ended), 403 when the role is too low. */
export function requireAccess(access: Access): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (allows(req.actor?.role, access)) next();
    else if (!req.actor) {
      const why = req.anonymousReason ?? { error: 'sign in first', code: 'sign_in' };
      next(new DomainError('unauthenticated', why.error, { code: why.code }));
    } else next(forbidden(`this needs the ${access} role or higher; ${req.actor.name} is ${req.actor.role}`, { needed: access }));
  };
}

interface GuardOptions {
  /** The permission table (permissions.ts), keyed "METHOD /api/path". */
  table: Readonly<Record<string, Access>>;
  /** What each route takes (contract/requests.ts), same keys. */
  requests: Readonly<Record<string, RequestSpec>>;
  /** GET keys never served from the cache. */
  uncached: ReadonlySet<string>;
  cache: RequestHandler;
  /** Where the routers are mounted. */
  prefix: string;
  /** On a first start: whether the demo game is still being prepared, and the routes that answer meanwhile. */
  preparing?: { active: () => boolean; answers: ReadonlySet<string> };
}

/** While the demo game is being prepared, a route that reads data answers 503 `preparing` rather than half-loaded figures. */
function refuseWhilePreparing(active: () => boolean): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    // The preparation's last step computes the pages ahead (server/readiness/pageWarmer.ts).
    if (!active() || isWarmRequest(req)) return next();
    res.set('Retry-After', '5');
    next(
      new DomainError('unavailable', 'the demo game is being prepared; this answers once it is loaded (GET /api/preparing shows the progress)', {
        code: 'preparing',
      }),
    );
  };
}

/**
 * Routers whose get/post/put/patch/delete look the route up in the permission
 * table and put the check before its handlers, so a route cannot exist without
 * a permission and the check is exactly the registered route. Then its
 * parameters are parsed against the request table, so no handler sees an
 * undeclared or malformed value (a route that reads data first waits for the
 * demo game of a first start). The cache comes after both: a cached answer
 * is never served to a caller without the right, nor to a malformed request.
 */
export function guardedRouters({ table, requests, uncached, cache, prefix, preparing }: GuardOptions): RouterFactory {
  return () => {
    const r = Router();
    for (const m of METHODS) {
      const register = r[m].bind(r) as (path: string, ...handlers: RequestHandler[]) => Router;
      const guarded = (path: string, ...handlers: RequestHandler[]) => {
        const key = `${m.toUpperCase()} ${prefix}${path}`;
        const access = table[key];
        if (!access) throw new Error(`route ${key} has no entry in the permission table (server/routes/permissions.ts)`);
        const spec = requests[key];
        if (!spec) throw new Error(`route ${key} has no entry in the request table (contract/requests.ts)`);
        const waits = preparing && !preparing.answers.has(key) ? [refuseWhilePreparing(preparing.active)] : [];
        const checks = [requireAccess(access), ...waits, parseParams(key, spec)];
        const first = m === 'get' && !uncached.has(key) ? [...checks, cache] : checks;
        return register(path, ...first, ...handlers);
      };
      (r as unknown as Record<string, unknown>)[m] = guarded;
    }
    return r;
  };
}
