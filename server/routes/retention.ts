import type { Request, Response, Router } from 'express';
import type { Day } from '../../contract/common.ts';
import type { Input } from '../../contract/params.ts';
import type { REQUESTS } from '../../contract/requests.ts';
import type { LtvTriangle, Retention, RetentionFilters } from '../../contract/retention.ts';
import { lastCompleteDay, resolveAsOf } from '../asOf.ts';
import { cohortRange } from '../retention/cohortQuery.ts';
import { retentionCsvFile } from '../retention/csvExport.ts';
import { ltv, retention, retentionFilters, type CohortRequest, type RetentionQuery } from '../retention/retention.ts';
import { handle, streamCsv } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

type CohortParams = Input<(typeof REQUESTS)['GET /api/retention']>['query'];

/** The cohort query; absent days take their defaults from the last day with data. */
function cohortQuery(q: CohortParams, lastDay: Day, weekStart: 1 | 7): RetentionQuery {
  return {
    grain: q.grain,
    mode: q.mode,
    ...cohortRange(q.grain, { to: q.to, from: q.from }, lastDay, weekStart),
    server: q.server,
    platform: q.platform ?? '',
    channel: q.channel ?? '',
    wmode: weekStart === 1 ? 1 : 0,
  };
}

export function retentionRoutes({ db, cfg, router }: RouteDeps): Router {
  const r = router();
  // Before any data there is nothing to default to, and nothing to answer: the query is not read.
  const load = async (req: Request, key: 'GET /api/retention' | 'GET /api/retention/ltv' | 'GET /api/retention.csv'): Promise<CohortRequest | null> => {
    const q = inputOf(req, key).query;
    const lastDay = await resolveAsOf(db);
    return lastDay ? { lastDay, completeThrough: lastCompleteDay(lastDay, cfg.gameTz), q: cohortQuery(q, lastDay, cfg.weekStart) } : null;
  };
  r.get(
    '/retention',
    handle(async (req) => (await retention(db, await load(req, 'GET /api/retention'))) satisfies Retention),
  );
  r.get(
    '/retention/ltv',
    handle(async (req) => (await ltv(db, await load(req, 'GET /api/retention/ltv'), cfg.baseCurrency)) satisfies LtvTriangle),
  );
  r.get(
    '/retention/filters',
    handle(async () => (await retentionFilters(db)) satisfies RetentionFilters),
  );
  r.get(
    '/retention.csv',
    handle(async (req: Request, res: Response) => {
      const { lang, header } = inputOf(req, 'GET /api/retention.csv').query;
      await streamCsv(res, retentionCsvFile(db, await load(req, 'GET /api/retention.csv'), { lang, header }));
    }),
  );
  return r;
}
