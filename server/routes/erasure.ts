import type { Router } from 'express';
import type { ErasureResult } from '../../contract/erasure.ts';
import { whoOf } from '../audit/audit.ts';
import { erasePlayers } from '../erasure/erase.ts';
import type { RouteDeps } from './guardedRouter.ts';
import { handle } from './http.ts';
import { inputOf } from './input.ts';

export function erasureRoutes({ db, cfg, ingester, router }: RouteDeps): Router {
  const r = router();
  r.post(
    '/erasure',
    handle(
      async (req) => (await erasePlayers({ db, cfg, ingester }, inputOf(req, 'POST /api/erasure').body.players, { who: whoOf(req) })) satisfies ErasureResult,
    ),
  );
  return r;
}
