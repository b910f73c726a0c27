import type { Request, Router } from 'express';
import type { Overview, StageTrend } from '../../contract/overview.ts';
import { lastRangeDay, overview, stageTrendOver } from '../overview/overview.ts';
import { handle } from './http.ts';
import { parseRange } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function overviewRoutes({ db, router }: RouteDeps): Router {
  const r = router();
  const rangeOf = async (req: Request) => parseRange(req.query as Record<string, unknown>, await lastRangeDay(db));
  r.get(
    '/overview',
    handle(async (req) => (await overview(db, await rangeOf(req))) satisfies Overview),
  );
  r.get(
    '/stages/trend',
    handle(async (req) => (await stageTrendOver(db, await rangeOf(req))) satisfies StageTrend),
  );
  return r;
}
