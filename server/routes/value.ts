import { Router, type Request } from 'express';
import type { Db } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { paretoCurve, paretoSummary } from '../queries/value/pareto.ts';
import { rfmSegments } from '../queries/value/rfmSegments.ts';
import { stageScores } from '../queries/value/stageScores.ts';
import { valueTiers } from '../queries/value/tiers.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { VALUED_ORDER, type ValuedOrder } from '../queries/value/valuedPlayers.ts';
import { VALUE_LIST_NAMES, valueListPage } from '../value/lists.ts';
import { RFM_SEGMENTS } from '../value/rfm.ts';
import { handle } from './http.ts';
import { parseChoice, parseDay, parseServer, parseWhole, queryString } from './params.ts';
import { invalid } from '../domainError.ts';

/** Points on the Pareto curve: enough for a smooth line, few enough to draw at once. */
const CURVE_POINTS = 200;
const LIST_ORDERS = Object.keys(VALUED_ORDER) as ValuedOrder[];

/** ?asOf (default: the last day with data) and ?server; null when there is no data yet. */
async function valueQuery(db: Db, req: Request) {
  const q = req.query as Record<string, unknown>;
  const server = parseServer(q);
  const raw = queryString(q, 'asOf');
  const asOf = raw ? parseDay(raw, 'asOf') : (await dataDays(db)).maxDay;
  return asOf ? { asOf, server } : null;
}

export function valueRoutes({ db }: Deps): Router {
  const r = Router();
  r.get(
    '/value',
    handle(async (req) => {
      const q = await valueQuery(db, req);
      if (!q) return { asOf: null, pareto: null, curve: [], tiers: [], rfm: [], rfmSegments: RFM_SEGMENTS, stageScores: [] };
      const [pareto, curve, tiers, rfm, scores] = await Promise.all([
        paretoSummary(db, q), paretoCurve(db, q, CURVE_POINTS), valueTiers(db, q), rfmSegments(db, q), stageScores(db, q),
      ]);
      return { ...q, pareto, curve, tiers, rfm, rfmSegments: RFM_SEGMENTS, stageScores: scores };
    }),
  );
  r.get(
    '/value/lists/:name',
    handle(async (req) => {
      const name = parseChoice({ name: req.params.name }, 'name', VALUE_LIST_NAMES);
      const query = req.query as Record<string, unknown>;
      const limit = parseWhole(query, 'limit', name === 'top_spenders' ? 20 : 50, 1, 500);
      const offset = parseWhole(query, 'offset', 0, 0, 10_000_000);
      const sort = parseChoice(query, 'sort', LIST_ORDERS, 'spend');
      const q = await valueQuery(db, req);
      if (!q) return { list: name, total: 0, players: [] };
      return { list: name, ...q, limit, offset, sort, ...(await valueListPage(db, name, { ...q, limit, offset, sort })) };
    }),
  );
  r.get('/value/lists', handle(async () => {
    throw invalid(`name a list: ${VALUE_LIST_NAMES.join(', ')}`);
  }));
  return r;
}
