import type { Router } from 'express';
import type { Health, Meta } from '../../contract/health.ts';
import { health, meta } from '../health/health.ts';
import { handle } from './http.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function healthRoutes({ db, cfg, router }: RouteDeps): Router {
  const r = router();
  r.get(
    '/health',
    handle(async () => (await health(db, cfg)) satisfies Health),
  );
  r.get(
    '/meta',
    handle(async () => (await meta(db, cfg)) satisfies Meta),
  );
  return r;
}
