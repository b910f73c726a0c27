import type { Router } from 'express';
import { FROM_KEYS, TO_KEYS } from '../../contract/enums.ts';
import {
  FLOW_ORDERS,
  type BackfillRequest,
  type BackfillResult,
  type FlowPlayers,
  type FlowSelection,
  type Transitions,
  type TransitionsQuery,
} from '../../contract/lifecycle.ts';
import { auditor } from '../audit/audited.ts';
import { backfillFacts } from '../audit/facts.ts';
import { invalid } from '../domainError.ts';
import { backfillStages } from '../lifecycle/backfill.ts';
import { flowPlayersPage, transitionsBetween } from '../lifecycle/transitionPair.ts';
import { handle } from './http.ts';
import { parseChoice, parseDay, parseServer, parseWhole, queryString } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

/** ?from&to&server: two snapshot days, each defaulted by the domain when absent. */
function parsePair(q: Record<string, unknown>): TransitionsQuery {
  const server = parseServer(q);
  const toRaw = queryString(q, 'to');
  const fromRaw = queryString(q, 'from');
  const to = toRaw && parseDay(toRaw, 'to');
  const from = fromRaw && parseDay(fromRaw, 'from');
  return { from, to, server };
}

function parseFlow(q: Record<string, unknown>): FlowSelection {
  return {
    fromStage: parseChoice(q, 'fromStage', FROM_KEYS),
    toStage: parseChoice(q, 'toStage', TO_KEYS),
    order: parseChoice(q, 'order', FLOW_ORDERS, 'desc'),
    limit: parseWhole(q, 'limit', 50, 1, 500),
    offset: parseWhole(q, 'offset', 0, 0, 10_000_000),
  };
}

function parseBackfill(body: Record<string, unknown>): BackfillRequest {
  const range: BackfillRequest = {};
  for (const k of ['from', 'to'] as const) {
    if (body[k] === undefined || body[k] === null || body[k] === '') continue;
    if (typeof body[k] !== 'string') throw invalid(`${k} must be a date as YYYY-MM-DD`);
    range[k] = parseDay(body[k], k);
  }
  if (range.from && range.to && range.from > range.to) throw invalid(`from (${range.from}) is after to (${range.to})`);
  return range;
}

export function lifecycleRoutes(deps: RouteDeps): Router {
  const { db } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  r.get(
    '/lifecycle/transitions',
    handle(async (req) => (await transitionsBetween(db, parsePair(req.query as Record<string, unknown>))) satisfies Transitions),
  );
  r.get(
    '/lifecycle/flow',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const flow = parseFlow(q);
      return (await flowPlayersPage(db, parsePair(q), flow)) satisfies FlowPlayers;
    }),
  );
  // Used by `npm run backfill:stages` when this server owns the embedded engine.
  r.post(
    '/lifecycle/backfill',
    handle(async (req) => {
      const range = parseBackfill((req.body ?? {}) as Record<string, unknown>);
      const entry = { action: 'stages.backfill', detail: backfillFacts };
      return (await audited.change(req, entry, () => backfillStages(db, range))) satisfies BackfillResult;
    }),
  );
  return r;
}
