import type { Router } from 'express';
import type { ComradePairs, RescueList, ServerPlans, WinbackChoices } from '../../contract/winback.ts';
import { auditor } from '../audit/audited.ts';
import { currentChoices, saveChoices } from '../winback/choices.ts';
import { findComrades } from '../winback/comrades.ts';
import { comradesCsv } from '../winback/comradesCsv.ts';
import { planServers } from '../winback/planner.ts';
import { rescueDecisions } from '../winback/rescue.ts';
import { rescueCsv } from '../winback/rescueCsv.ts';
import { handle, streamCsv } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

/** Win-back: rescue or let go, the new-server planner, "find your old comrades", and which offers price the first two (DESIGN section 8). */
export function winbackRoutes(deps: RouteDeps): Router {
  const { db, cfg, log } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  r.get(
    '/winback/rescue',
    handle(async (req) => {
      return (await rescueDecisions(db, cfg, inputOf(req, 'GET /api/winback/rescue').query)) satisfies RescueList;
    }),
  );
  r.get(
    '/winback/rescue.csv',
    handle(async (req, res) => {
      const { lang, header, ...ask } = inputOf(req, 'GET /api/winback/rescue.csv').query;
      await audited.record(req, { action: 'export.rescue', detail: { ...ask } });
      await streamCsv(res, await rescueCsv(db, cfg, ask, { lang, header }));
    }),
  );
  r.get(
    '/winback/comrades.csv',
    handle(async (req, res) => {
      const { lang, header, asOf } = inputOf(req, 'GET /api/winback/comrades.csv').query;
      await audited.record(req, { action: 'export.comrades', detail: { asOf } });
      await streamCsv(res, await comradesCsv(db, cfg, log, asOf, { lang, header }));
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
  r.get(
    '/winback/choices',
    handle(async () => (await currentChoices(db)) satisfies WinbackChoices),
  );
  r.put(
    '/winback/choices',
    handle(async (req) => {
      const body = inputOf(req, 'PUT /api/winback/choices').body;
      const entry = { action: 'winback.choices', target: 'winback:choices', before: () => currentChoices(db), after: (c: WinbackChoices) => c };
      return (await audited.change(req, entry, () => saveChoices(db, body))) satisfies WinbackChoices;
    }),
  );
  return r;
}
