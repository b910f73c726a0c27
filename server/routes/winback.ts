import { Router, type Request } from 'express';
import type { Db } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { findComrades } from '../winback/comrades.ts';
import { planServers } from '../winback/planner.ts';
import { RESCUE_SORTS, rescueDecisions } from '../winback/rescue.ts';
import { DECISIONS } from '../winback/rescueRules.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { handle } from './http.ts';
import { parseChoice, parseDay, parseWhole, queryString } from './params.ts';

/** ?asOf, default the last day with data; null when there is no data yet. */
async function asOfOf(db: Db, req: Request): Promise<string | null> {
  const raw = queryString(req.query as Record<string, unknown>, 'asOf');
  return raw ? parseDay(raw, 'asOf') : (await dataDays(db)).maxDay;
}

const page = (q: Record<string, unknown>) => ({ limit: parseWhole(q, 'limit', 50, 1, 500), offset: parseWhole(q, 'offset', 0, 0, 10_000_000) });

/** Win-back: rescue or let go, the new-server planner and "find your old comrades" (DESIGN section 8). */
export function winbackRoutes({ db, cfg }: Deps): Router {
  const r = Router();
  r.get(
    '/winback/rescue',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const decision = parseChoice(q, 'decision', ['all', ...DECISIONS] as const, 'all');
      const sort = parseChoice(q, 'sort', RESCUE_SORTS, 'return');
      const p = page(q);
      const asOf = await asOfOf(db, req);
      if (!asOf) return { asOf: null, currency: cfg.baseCurrency, offer: null, rate: null, summary: [], decliningPlayers: 0, total: 0, players: [] };
      return { ...(await rescueDecisions(db, cfg, { asOf, decision, sort, ...p })), decision, sort, ...p };
    }),
  );
  r.get(
    '/winback/servers',
    handle(async (req) => {
      const asOf = await asOfOf(db, req);
      if (!asOf) return { asOf: null, currency: cfg.baseCurrency, offer: null, rate: null, minReturning: cfg.winback.newServerMinReturning, servers: [] };
      return planServers(db, cfg, asOf);
    }),
  );
  r.get(
    '/winback/comrades',
    handle(async (req) => {
      const p = page(req.query as Record<string, unknown>);
      const asOf = await asOfOf(db, req);
      if (!asOf) return { asOf: null, currency: cfg.baseCurrency, basis: 'shared_days', offer: null, total: 0, pairs: [], ...p };
      return { ...(await findComrades(db, cfg, { asOf, ...p })), ...p };
    }),
  );
  return r;
}
