import type { Router } from 'express';
import type { TokenCreated, TokenList, TokenRow } from '../../contract/auth.ts';
import { issueToken, revokeToken } from '../auth/tokenAdmin.ts';
import { listApiTokens } from '../auth/tokens.ts';
import { whoOf } from '../audit/audit.ts';
import type { RouteDeps } from './guardedRouter.ts';
import { handle } from './http.ts';
import { inputOf } from './input.ts';

export function tokenRoutes({ db, router }: RouteDeps): Router {
  const r = router();
  r.get(
    '/tokens',
    handle(async () => ({ tokens: await listApiTokens(db) }) satisfies TokenList),
  );
  r.post(
    '/tokens',
    handle(async (req, res) => {
      const created = await issueToken(db, whoOf(req), inputOf(req, 'POST /api/tokens').body);
      res.status(201);
      return created satisfies TokenCreated;
    }),
  );
  r.delete(
    '/tokens/:name',
    handle(async (req) => (await revokeToken(db, whoOf(req), inputOf(req, 'DELETE /api/tokens/:name').path.name)) satisfies TokenRow),
  );
  return r;
}
