import type { Router } from 'express';
import type { Health, Meta, PublicHealth } from '../../contract/health.ts';
import type { Preparation } from '../../contract/preparing.ts';
import type { Readiness } from '../../contract/readiness.ts';
import { NOTHING_PREPARED } from '../preparation.ts';
import { NO_WARMER } from '../readiness/pageWarmer.ts';
import { health, meta, publicHealth } from '../health/health.ts';
import { handle } from './http.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function healthRoutes({ db, cfg, router, preparation, pages }: RouteDeps): Router {
  const r = router();
  r.get(
    '/health',
    // Public for load balancers; the counts and the last ingest only for a session or a token, and not while the demo is half loaded.
    // Never cached (UNCACHED), so one caller's answer never reaches another.
    handle(async (req) =>
      req.actor && !preparation?.preparing ? ((await health(db, cfg)) satisfies Health) : ((await publicHealth(db)) satisfies PublicHealth),
    ),
  );
  r.get(
    '/preparing',
    handle(async () => (preparation?.view() ?? NOTHING_PREPARED) satisfies Preparation),
  );
  r.get(
    '/readiness',
    handle(async () => (pages?.readiness() ?? NO_WARMER) satisfies Readiness),
  );
  r.get(
    '/meta',
    handle(async () => (await meta(db, cfg)) satisfies Meta),
  );
  return r;
}
