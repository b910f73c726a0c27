import type { Router } from 'express';
import path from 'node:path';
import type { Deliveries } from '../../contract/delivery.ts';
import { REPORT_LANGS } from '../../contract/enums.ts';
import type { ReportRun, ReportRuns, ReportSchedules, RunNowAnswer, ScheduleSaved } from '../../contract/reports.ts';
import { allows } from '../auth/roles.ts';
import { forbidden, invalid, notFound } from '../domainError.ts';
import { PLAYER_ID_FILES } from '../reports/renderCsv.ts';
import { reportRun, reportRuns, runDeliveries, runFile } from '../reports/runArchive.ts';
import { runScheduleNow } from '../reports/runNow.ts';
import { saveAndSchedule } from '../reports/scheduleJobs.ts';
import { scheduleList } from '../reports/scheduleList.ts';
import { SCHEDULE_ID } from '../reports/scheduleStore.ts';
import { handle } from './http.ts';
import { jsonBody, parseChoice, parseDay, parseWhole, queryString } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

type Body = Record<string, unknown>;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export function reportRoutes(deps: RouteDeps): Router {
  const { db, cfg } = deps;
  const r = deps.router();

  r.get(
    '/reports/schedules',
    handle(async (req) => {
      const archived = queryString(req.query as Body, 'archived') === 'true';
      return (await scheduleList(db, cfg, { archived })) satisfies ReportSchedules;
    }),
  );
  r.post(
    '/reports/schedules',
    handle(async (req, res) => {
      const out = await saveAndSchedule(deps, { input: jsonBody(req.body), source: 'dashboard', author: 'dashboard' });
      res.status(201);
      return out satisfies ScheduleSaved;
    }),
  );
  r.put(
    '/reports/schedules/:id',
    handle(async (req) => {
      const input = jsonBody(req.body);
      return (await saveAndSchedule(deps, { scheduleId: String(req.params.id), input, source: 'dashboard', author: 'dashboard' })) satisfies ScheduleSaved;
    }),
  );
  r.post(
    '/reports/schedules/:id/run',
    handle(async (req) => {
      const body = jsonBody(req.body ?? {});
      if (typeof body.window !== 'string') throw invalid('window is required: a date as YYYY-MM-DD inside the period to report');
      const day = parseDay(body.window, 'window');
      const lang = body.lang === undefined || body.lang === null || body.lang === '' ? undefined : parseChoice({ lang: body.lang }, 'lang', REPORT_LANGS);
      if (body.deliver !== undefined && typeof body.deliver !== 'boolean') throw invalid('deliver must be true or false');
      const trigger = body.trigger === 'cli' ? 'cli' : 'manual';
      return (await runScheduleNow(deps, String(req.params.id), { day, lang, deliver: body.deliver !== false, trigger })) satisfies RunNowAnswer;
    }),
  );
  r.get(
    '/reports/runs',
    handle(async (req) => {
      const q = req.query as Body;
      const scheduleId = queryString(q, 'schedule');
      if (scheduleId !== undefined && !SCHEDULE_ID.test(scheduleId)) throw invalid(`schedule must be a schedule id, got "${scheduleId}"`);
      const limit = parseWhole(q, 'limit', 50, 1, 500);
      const offset = parseWhole(q, 'offset', 0, 0, 1_000_000);
      return (await reportRuns(db, { scheduleId, limit, offset })) satisfies ReportRuns;
    }),
  );
  r.get(
    '/reports/runs/:id',
    handle(async (req) => (await reportRun(db, String(req.params.id))) satisfies ReportRun),
  );
  r.get(
    '/reports/runs/:id/deliveries',
    handle(async (req) => (await runDeliveries(db, String(req.params.id))) satisfies Deliveries),
  );
  r.get(
    '/reports/runs/:id/:file',
    handle(async (req, res) => {
      const name = String(req.params.file);
      // A list of players by id is a player-level export: analyst and up, whatever the route's own (viewer) entry says.
      if (PLAYER_ID_FILES.has(name) && !allows(req.actor?.role, 'analyst'))
        throw forbidden(`${name} lists players by id, a player-level export: it needs the analyst role or higher; ${req.actor?.name} is ${req.actor?.role}`, {
          needed: 'analyst',
        });
      const file = await runFile(db, String(req.params.id), name);
      const ext = path.extname(file.name);
      res.set('Content-Type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
      res.set('Content-Disposition', `${ext === '.html' ? 'inline' : 'attachment'}; filename="${file.name}"`);
      // The page needs no scripts: forbid them, in case a value slipped past escaping.
      if (ext === '.html') res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      await new Promise<void>((resolve, reject) =>
        res.sendFile(file.path, { dotfiles: 'deny' }, (err) =>
          err ? reject(notFound(`the file ${file.name} of run ${file.runId} is no longer on disk`)) : resolve(),
        ),
      );
      return undefined;
    }),
  );
  return r;
}
