import type { Router } from 'express';
import type { Overview, StageTrend } from '../../contract/overview.ts';
import { lastRangeDay, overview, stageTrendOver } from '../overview/overview.ts';
import { handle } from './http.ts';
import { inputOf } from './input.ts';
import { rangeOf } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function overviewRoutes({ db, router }: RouteDeps): Router {
  const r = router();
  r.get(
    '/overview',
    handle(async (req) => (await overview(db, rangeOf(inputOf(req, 'GET /api/overview').query, await lastRangeDay(db)))) satisfies Overview),
  );
  r.get(
    '/stages/trend',
    handle(async (req) => (await stageTrendOver(db, rangeOf(inputOf(req, 'GET /api/stages/trend').query, await lastRangeDay(db)))) satisfies StageTrend),
  );
  return r;
}
