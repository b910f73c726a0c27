import type { Router } from 'express';
import type { BackfillResult, FlowPlayers, Transitions } from '../../contract/lifecycle.ts';
import { auditor } from '../audit/audited.ts';
import { backfillFacts } from '../audit/facts.ts';
import { backfillStages } from '../lifecycle/backfill.ts';
import { flowPlayersCsv, flowPlayersPage, transitionsBetween } from '../lifecycle/transitionPair.ts';
import { handle, streamCsv } from './http.ts';
import { inputOf } from './input.ts';
import { orderedDays } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function lifecycleRoutes(deps: RouteDeps): Router {
  const { db } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  r.get(
    '/lifecycle/transitions',
    handle(async (req) => {
      const { from, to, server } = inputOf(req, 'GET /api/lifecycle/transitions').query;
      return (await transitionsBetween(db, { from, to, server })) satisfies Transitions;
    }),
  );
  r.get(
    '/lifecycle/flow',
    handle(async (req) => {
      const { from, to, server, ...flow } = inputOf(req, 'GET /api/lifecycle/flow').query;
      return (await flowPlayersPage(db, { from, to, server }, flow)) satisfies FlowPlayers;
    }),
  );
  r.get(
    '/lifecycle/flow.csv',
    handle(async (req, res) => {
      const { from, to, server, lang, header, ...flow } = inputOf(req, 'GET /api/lifecycle/flow.csv').query;
      await audited.record(req, { action: 'export.flow', detail: { from, to, server, ...flow } });
      await streamCsv(res, await flowPlayersCsv(db, { from, to, server }, flow, { lang, header }));
    }),
  );
  // Used by `npm run backfill:stages` when this server owns the embedded engine.
  r.post(
    '/lifecycle/backfill',
    handle(async (req) => {
      const range = inputOf(req, 'POST /api/lifecycle/backfill').body;
      orderedDays(range.from, range.to);
      const entry = { action: 'stages.backfill', detail: backfillFacts };
      return (await audited.change(req, entry, () => backfillStages(db, range))) satisfies BackfillResult;
    }),
  );
  return r;
}
