import type { Router } from 'express';
import {
  MODEL_KINDS,
  MODEL_UNITS,
  PROJECTION_GRAINS,
  type CohortProjections,
  type FitAnswer,
  type ModelsStatus,
  type SegmentClvs,
  type TrustAnswer,
} from '../../contract/models.ts';
import { auditor } from '../audit/audited.ts';
import { fitFacts } from '../audit/facts.ts';
import { invalid } from '../domainError.ts';
import { cohortProjectionAnswer, DEFAULT_HORIZON } from '../models/cohorts.ts';
import { refreshModels } from '../models/refresh.ts';
import { segmentClvAnswer } from '../models/segments.ts';
import { modelsStatus } from '../models/status.ts';
import { trustCheck } from '../models/trust.ts';
import { handle } from './http.ts';
import { parseChoice, parseDay, parseServer, parseWhole, queryString } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

type Query = Record<string, unknown>;

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
      const body = (req.body ?? {}) as Query;
      for (const k of ['asOf', 'unit']) if (body[k] !== undefined && body[k] !== null && typeof body[k] !== 'string') throw invalid(`${k} must be text`);
      const asOf = body.asOf ? parseDay(body.asOf as string, 'asOf') : undefined;
      const unit = parseChoice({ unit: body.unit ?? undefined }, 'unit', MODEL_UNITS, 'day');
      const fit = () => refreshModels({ db, cfg }, { asOf, unit });
      return (await audited.change(req, { action: 'models.fit', detail: fitFacts }, fit)) satisfies FitAnswer;
    }),
  );
  r.get(
    '/models/trust',
    handle(async (req) => {
      const q = req.query as Query;
      const kind = parseChoice(q, 'kind', MODEL_KINDS, 'engagement');
      const unit = parseChoice(q, 'unit', MODEL_UNITS, 'day');
      const holdoutDays = parseWhole(q, 'holdoutDays', 28, 1, 365);
      const server = parseServer(q);
      const raw = queryString(q, 'calibrationEnd');
      const calibrationEnd = raw ? parseDay(raw, 'calibrationEnd') : undefined;
      return (await trustCheck(db, { kind, unit, calibrationEnd, holdoutDays, server })) satisfies TrustAnswer;
    }),
  );
  r.get(
    '/models/segments',
    handle(async (req) => {
      const q = req.query as Query;
      const server = parseServer(q);
      const raw = queryString(q, 'asOf');
      const asOf = raw ? parseDay(raw, 'asOf') : undefined;
      return (await segmentClvAnswer(db, cfg, { asOf, server })) satisfies SegmentClvs;
    }),
  );
  r.get(
    '/models/cohorts',
    handle(async (req) => {
      const q = req.query as Query;
      const grain = parseChoice(q, 'grain', PROJECTION_GRAINS, 'month');
      const cohorts = parseWhole(q, 'cohorts', 6, 1, 24);
      const horizon = parseWhole(q, 'periods', DEFAULT_HORIZON[grain], 1, 104);
      const server = parseServer(q);
      return (await cohortProjectionAnswer(db, { grain, cohorts, horizon, server, weekStart: cfg.weekStart })) satisfies CohortProjections;
    }),
  );
  return r;
}
