import { Router } from 'express';
import type { Deps } from '../deps.ts';
import { addDays } from '../days.ts';
import { cohortProjections } from '../models/cohorts.ts';
import { MODEL_KINDS, MODEL_UNITS, refreshModels } from '../models/refresh.ts';
import { RISK_TIERS } from '../models/riskTier.ts';
import { SEGMENT_PERIOD_DAYS, segmentClvs } from '../models/segments.ts';
import { holdoutCheck } from '../models/trust.ts';
import { snapshotDays } from '../queries/lifecycle/snapshotDays.ts';
import { currentModelRuns, recentModelRuns, type ModelRun } from '../queries/models/modelRuns.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { handle } from './http.ts';
import { parseChoice, parseDay, parseServer, parseWhole, queryString } from './params.ts';
import { invalid } from '../domainError.ts';

/** Runs listed beside the current ones. */
const RECENT_RUNS = 20;
const GRAINS = ['month', 'week'] as const;
const DEFAULT_HORIZON = { month: 12, week: 26 } as const;

const byKind = (runs: ModelRun[]) => Object.fromEntries(MODEL_KINDS.map((k) => [k, runs.find((r) => r.kind === k) ?? null]));

export function modelRoutes({ db, cfg }: Deps): Router {
  const r = Router();
  r.get(
    '/models',
    handle(async () => {
      const [current, recent] = await Promise.all([currentModelRuns(db), recentModelRuns(db, RECENT_RUNS)]);
      // current: the runs whose scores are served; latest: the last attempt of each kind, whatever its status.
      return { current: byKind(current), latest: byKind(recent), recent, riskTiers: RISK_TIERS, clv: cfg.clv, currency: cfg.baseCurrency };
    }),
  );
  r.post(
    '/models/fit',
    handle(async (req) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      for (const k of ['asOf', 'unit']) if (body[k] !== undefined && body[k] !== null && typeof body[k] !== 'string') throw invalid(`${k} must be text`);
      const asOf = body.asOf ? parseDay(body.asOf as string, 'asOf') : undefined;
      const unit = parseChoice({ unit: body.unit ?? undefined }, 'unit', MODEL_UNITS, 'day');
      return refreshModels({ db, cfg }, { asOf, unit });
    }),
  );
  r.get(
    '/models/trust',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const kind = parseChoice(q, 'kind', MODEL_KINDS, 'engagement');
      const unit = parseChoice(q, 'unit', MODEL_UNITS, 'day');
      const holdoutDays = parseWhole(q, 'holdoutDays', 28, 1, 365);
      const server = parseServer(q);
      const raw = queryString(q, 'calibrationEnd');
      const calibrationEnd = raw ? parseDay(raw, 'calibrationEnd') : undefined;
      const { maxDay } = await dataDays(db);
      if (!maxDay) return { status: 'too_few_players', message: 'no data yet', buckets: [] };
      const end = calibrationEnd ?? addDays(maxDay, -holdoutDays);
      if (addDays(end, holdoutDays) > maxDay) {
        throw invalid(`the holdout would end on ${addDays(end, holdoutDays)}, after the last day with data (${maxDay}): choose an earlier calibrationEnd or fewer holdoutDays`);
      }
      return holdoutCheck(db, { kind, unit, calibrationEnd: end, holdoutDays, server });
    }),
  );
  r.get(
    '/models/segments',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const server = parseServer(q);
      const raw = queryString(q, 'asOf');
      const asOfRaw = raw ? parseDay(raw, 'asOf') : undefined;
      const { first, last } = await snapshotDays(db);
      const asOf = asOfRaw ?? last;
      const from = asOf ? addDays(asOf, -SEGMENT_PERIOD_DAYS) : null;
      if (!asOf || !first || !last || from! < first || asOf > last) {
        const message = `segment CLV needs stage snapshots ${SEGMENT_PERIOD_DAYS} days apart; snapshots cover ${first ?? 'no day'}..${last ?? 'no day'}`;
        if (asOfRaw) throw invalid(`${message}, asOf ${asOfRaw} needs ${from} and ${asOfRaw}`);
        return { asOf: null, message, currency: cfg.baseCurrency, segments: [] };
      }
      return { ...(await segmentClvs(db, { asOf, server }, cfg.clv)), currency: cfg.baseCurrency };
    }),
  );
  r.get(
    '/models/cohorts',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const grain = parseChoice(q, 'grain', GRAINS, 'month');
      const cohorts = parseWhole(q, 'cohorts', 6, 1, 24);
      const horizon = parseWhole(q, 'periods', DEFAULT_HORIZON[grain], 1, 104);
      const server = parseServer(q);
      const { maxDay } = await dataDays(db);
      if (!maxDay) return { grain, lastDay: null, horizon, cohorts: [] };
      return { grain, lastDay: maxDay, horizon, cohorts: await cohortProjections(db, { grain, cohorts, horizon, server, weekStart: cfg.weekStart }, maxDay) };
    }),
  );
  return r;
}
