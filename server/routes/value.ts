import type { Router } from 'express';
import { VALUE_LIST_SORTS, type ValueList, type ValueQuery, type ValueSummary } from '../../contract/value.ts';
import { resolveAsOf } from '../asOf.ts';
import { invalid } from '../domainError.ts';
import { VALUE_LIST_NAMES } from '../value/lists.ts';
import { defaultListLimit, valueList, valueSummary } from '../value/summary.ts';
import { handle } from './http.ts';
import { parseChoice, parseDay, parseServer, parseWhole, queryString } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function valueRoutes({ db, router }: RouteDeps): Router {
  const r = router();
  /** ?asOf (default: the last day with data) and ?server; null when there is no data yet. */
  const valueQuery = async (q: Record<string, unknown>): Promise<ValueQuery | null> => {
    const server = parseServer(q);
    const raw = queryString(q, 'asOf');
    const asOf = await resolveAsOf(db, raw && parseDay(raw, 'asOf'));
    return asOf ? { asOf, server } : null;
  };
  r.get(
    '/value',
    handle(async (req) => (await valueSummary(db, await valueQuery(req.query as Record<string, unknown>))) satisfies ValueSummary),
  );
  r.get(
    '/value/lists/:name',
    handle(async (req) => {
      const name = parseChoice({ name: req.params.name }, 'name', VALUE_LIST_NAMES);
      const q = req.query as Record<string, unknown>;
      const page = {
        limit: parseWhole(q, 'limit', defaultListLimit(name), 1, 500),
        offset: parseWhole(q, 'offset', 0, 0, 10_000_000),
        sort: parseChoice(q, 'sort', VALUE_LIST_SORTS, 'spend'),
      };
      return (await valueList(db, name, await valueQuery(q), page)) satisfies ValueList;
    }),
  );
  r.get(
    '/value/lists',
    handle(async () => {
      throw invalid(`name a list: ${VALUE_LIST_NAMES.join(', ')}`);
    }),
  );
  return r;
}
