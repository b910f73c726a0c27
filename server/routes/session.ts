import type { Router } from 'express';
import type { Me } from '../../contract/auth.ts';
import { unauthenticated } from '../domainError.ts';
import type { RouteDeps } from './guardedRouter.ts';
import { handle } from './http.ts';
import { PERMISSIONS } from './permissions.ts';

/** GET /api/session: who the caller is and the permission table, so the web can show what the role may use. */
export function sessionRoutes({ router }: RouteDeps): Router {
  const r = router();
  r.get(
    '/session',
    handle(async (req) => {
      // requireAccess('viewer') has run: an actor is there.
      const actor = req.actor;
      if (!actor) throw unauthenticated('sign in first');
      return { user: actor.name, role: actor.role, kind: actor.kind, csrfToken: null, access: PERMISSIONS } satisfies Me;
    }),
  );
  return r;
}
