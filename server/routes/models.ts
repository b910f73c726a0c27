import type { Router } from 'express';
import type { CohortProjections, FitAnswer, ModelsStatus, SegmentClvs, TrustAnswer } from '../../contract/models.ts';
import { auditor } from '../audit/audited.ts';
import { fitFacts } from '../audit/facts.ts';
import { cohortProjectionAnswer, DEFAULT_HORIZON } from '../models/cohorts.ts';
import { refreshModels } from '../models/refresh.ts';
import { segmentClvAnswer } from '../models/segments.ts';
import { modelsStatus } from '../models/status.ts';
import { trustCheck } from '../models/trust.ts';
import { handle } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function modelRoutes(deps: RouteDeps): Router {
  const { db, cfg } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  r.get(
    '/models',
    handle(async () => (await modelsStatus(db, cfg)) satisfies ModelsStatus),
  );
  r.post(
    '/models/fit',
    handle(async (req) => {
      const fit = () => refreshModels({ db, cfg }, inputOf(req, 'POST /api/models/fit').body);
      return (await audited.change(req, { action: 'models.fit', detail: fitFacts }, fit)) satisfies FitAnswer;
    }),
  );
  r.get(
    '/models/trust',
    handle(async (req) => {
      return (await trustCheck(db, inputOf(req, 'GET /api/models/trust').query)) satisfies TrustAnswer;
    }),
  );
  r.get(
    '/models/segments',
    handle(async (req) => {
      return (await segmentClvAnswer(db, cfg, inputOf(req, 'GET /api/models/segments').query)) satisfies SegmentClvs;
    }),
  );
  r.get(
    '/models/cohorts',
    handle(async (req) => {
      const { grain, cohorts, periods, server } = inputOf(req, 'GET /api/models/cohorts').query;
      const horizon = periods ?? DEFAULT_HORIZON[grain];
      return (await cohortProjectionAnswer(db, { grain, cohorts, horizon, server, weekStart: cfg.weekStart })) satisfies CohortProjections;
    }),
  );
  return r;
}
