import { Router } from 'express';
import type { Health, Meta } from '../../contract/health.ts';
import type { Deps } from '../deps.ts';
import { health, meta } from '../health/health.ts';
import { handle } from './http.ts';

export function healthRoutes({ db, cfg }: Deps): Router {
  const r = Router();
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
