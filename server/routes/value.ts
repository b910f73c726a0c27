import type { Router } from 'express';
import type { Day } from '../../contract/common.ts';
import type { ValueList, ValueQuery, ValueSummary } from '../../contract/value.ts';
import { resolveAsOf } from '../asOf.ts';
import { auditor } from '../audit/audited.ts';
import { invalid } from '../domainError.ts';
import { VALUE_LIST_NAMES } from '../value/lists.ts';
import { valueListCsv } from '../value/listCsv.ts';
import { defaultListLimit, valueList, valueSummary } from '../value/summary.ts';
import { handle, streamCsv } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function valueRoutes(deps: RouteDeps): Router {
  const { db } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  /** ?asOf (default: the last day with data) and ?server; null when there is no data yet. */
  const valueQuery = async (q: { asOf?: Day; server: string }): Promise<ValueQuery | null> => {
    const asOf = await resolveAsOf(db, q.asOf);
    return asOf ? { asOf, server: q.server } : null;
  };
  r.get(
    '/value',
    handle(async (req) => (await valueSummary(db, await valueQuery(inputOf(req, 'GET /api/value').query))) satisfies ValueSummary),
  );
  // Before '/value/lists/:name', which would take "top_spenders.csv" for a list name.
  r.get(
    '/value/lists/:name.csv',
    handle(async (req, res) => {
      const { path, query } = inputOf(req, 'GET /api/value/lists/:name.csv');
      const { lang, header, sort, ...ask } = query;
      await audited.record(req, { action: 'export.value_list', detail: { list: path.name, ...ask, sort } });
      await streamCsv(res, valueListCsv(db, path.name, await valueQuery(ask), sort, { lang, header }));
    }),
  );
  r.get(
    '/value/lists/:name',
    handle(async (req) => {
      const { path, query: q } = inputOf(req, 'GET /api/value/lists/:name');
      const name = path.name;
      const page = { limit: q.limit ?? defaultListLimit(name), offset: q.offset, sort: q.sort };
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
