import type { Router } from 'express';
import { DECISIONS, RESCUE_SORTS, type ComradePairs, type RescueList, type ServerPlans } from '../../contract/winback.ts';
import { findComrades } from '../winback/comrades.ts';
import { planServers } from '../winback/planner.ts';
import { rescueDecisions } from '../winback/rescue.ts';
import { handle } from './http.ts';
import { parseChoice, parseDay, parseWhole, queryString } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

type Query = Record<string, unknown>;

/** ?asOf; absent means the last day with data. */
function asOfParam(q: Query): string | undefined {
  const raw = queryString(q, 'asOf');
  return raw ? parseDay(raw, 'asOf') : undefined;
}

const page = (q: Query) => ({ limit: parseWhole(q, 'limit', 50, 1, 500), offset: parseWhole(q, 'offset', 0, 0, 10_000_000) });

/** Win-back: rescue or let go, the new-server planner and "find your old comrades" (DESIGN section 8). */
export function winbackRoutes({ db, cfg, router }: RouteDeps): Router {
  const r = router();
  r.get(
    '/winback/rescue',
    handle(async (req) => {
      const q = req.query as Query;
      const decision = parseChoice(q, 'decision', ['all', ...DECISIONS] as const, 'all');
      const sort = parseChoice(q, 'sort', RESCUE_SORTS, 'return');
      const p = page(q);
      return (await rescueDecisions(db, cfg, { asOf: asOfParam(q), decision, sort, ...p })) satisfies RescueList;
    }),
  );
  r.get(
    '/winback/servers',
    handle(async (req) => (await planServers(db, cfg, asOfParam(req.query as Query))) satisfies ServerPlans),
  );
  r.get(
    '/winback/comrades',
    handle(async (req) => {
      const q = req.query as Query;
      const p = page(q);
      return (await findComrades(db, cfg, { asOf: asOfParam(q), ...p })) satisfies ComradePairs;
    }),
  );
  return r;
}
