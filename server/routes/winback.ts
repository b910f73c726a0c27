import type { Router } from 'express';
import type { ComradePairs, RescueList, ServerPlans } from '../../contract/winback.ts';
import { findComrades } from '../winback/comrades.ts';
import { planServers } from '../winback/planner.ts';
import { rescueDecisions } from '../winback/rescue.ts';
import { handle } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

/** Win-back: rescue or let go, the new-server planner and "find your old comrades" (DESIGN section 8). */
export function winbackRoutes({ db, cfg, log, router }: RouteDeps): Router {
  const r = router();
  r.get(
    '/winback/rescue',
    handle(async (req) => {
      return (await rescueDecisions(db, cfg, inputOf(req, 'GET /api/winback/rescue').query)) satisfies RescueList;
    }),
  );
  r.get(
    '/winback/servers',
    handle(async (req) => (await planServers(db, cfg, inputOf(req, 'GET /api/winback/servers').query.asOf)) satisfies ServerPlans),
  );
  r.get(
    '/winback/comrades',
    handle(async (req) => {
      return (await findComrades(db, cfg, log, inputOf(req, 'GET /api/winback/comrades').query)) satisfies ComradePairs;
    }),
  );
  return r;
}
