import type { Router } from 'express';
import path from 'node:path';
import type { Deliveries } from '../../contract/delivery.ts';
import type { ReportRun, ReportRuns, ReportSchedule, ReportSchedules, RunNowAnswer, ScheduleSaved } from '../../contract/reports.ts';
import { auditor } from '../audit/audited.ts';
import { hostOf } from '../audit/redact.ts';
import { allows } from '../auth/roles.ts';
import { forbidden, notFound } from '../domainError.ts';
import { PLAYER_ID_FILES } from '../reports/renderCsv.ts';
import { reportRun, reportRuns, runDeliveries, runFile } from '../reports/runArchive.ts';
import { runScheduleNow } from '../reports/runNow.ts';
import { saveAndSchedule } from '../reports/scheduleJobs.ts';
import { scheduleList } from '../reports/scheduleList.ts';
import { getSchedule } from '../reports/scheduleStore.ts';
import { handle } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** A schedule as the trail keeps it: webhook hosts only (their URLs can carry credentials). */
const redacted = (s: ReportSchedule | undefined) => (s ? { ...s, webhooks: s.webhooks.map(hostOf) } : null);

const runFacts = (a: RunNowAnswer) => ({
  window: a.window,
  runs: a.runs.map((x) => ({ runId: x.runId, lang: x.lang, state: x.state })),
});

export function reportRoutes(deps: RouteDeps): Router {
  const { db, cfg } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  // A schedule's entry: its current version before, the stored one after; a new schedule's id comes from the save.
  const scheduleEntry = (scheduleId?: string) => ({
    action: 'report_schedule.save',
    target: scheduleId ? `schedule:${scheduleId}` : (out: ScheduleSaved) => `schedule:${out.schedule.scheduleId}`,
    before: async () => (scheduleId ? redacted(await getSchedule(db, scheduleId)) : null),
    after: (out: ScheduleSaved) => redacted(out.schedule),
    detail: (out: ScheduleSaved) => ({ saved: out.saved }),
  });

  r.get(
    '/reports/schedules',
    handle(async (req) => {
      const { archived } = inputOf(req, 'GET /api/reports/schedules').query;
      return (await scheduleList(db, cfg, { archived })) satisfies ReportSchedules;
    }),
  );
  r.post(
    '/reports/schedules',
    handle(async (req, res) => {
      const input = inputOf(req, 'POST /api/reports/schedules').body;
      const out = await audited.change(req, scheduleEntry(), () => saveAndSchedule(deps, { input, source: 'dashboard', author: 'dashboard' }));
      res.status(201);
      return out satisfies ScheduleSaved;
    }),
  );
  r.put(
    '/reports/schedules/:id',
    handle(async (req) => {
      const { path, body: input } = inputOf(req, 'PUT /api/reports/schedules/:id');
      const scheduleId = path.id;
      const save = () => saveAndSchedule(deps, { scheduleId, input, source: 'dashboard', author: 'dashboard' });
      return (await audited.change(req, scheduleEntry(scheduleId), save)) satisfies ScheduleSaved;
    }),
  );
  r.post(
    '/reports/schedules/:id/run',
    handle(async (req) => {
      const { path, body } = inputOf(req, 'POST /api/reports/schedules/:id/run');
      const scheduleId = path.id;
      const entry = { action: 'report.run', target: `schedule:${scheduleId}`, detail: runFacts };
      const run = () => runScheduleNow(deps, scheduleId, { day: body.window, lang: body.lang, deliver: body.deliver, trigger: body.trigger });
      return (await audited.change(req, entry, run)) satisfies RunNowAnswer;
    }),
  );
  r.get(
    '/reports/runs',
    handle(async (req) => {
      const { schedule: scheduleId, limit, offset } = inputOf(req, 'GET /api/reports/runs').query;
      return (await reportRuns(db, { scheduleId, limit, offset })) satisfies ReportRuns;
    }),
  );
  r.get(
    '/reports/runs/:id',
    handle(async (req) => (await reportRun(db, inputOf(req, 'GET /api/reports/runs/:id').path.id)) satisfies ReportRun),
  );
  r.get(
    '/reports/runs/:id/deliveries',
    handle(async (req) => (await runDeliveries(db, inputOf(req, 'GET /api/reports/runs/:id/deliveries').path.id)) satisfies Deliveries),
  );
  r.get(
    '/reports/runs/:id/:file',
    handle(async (req, res) => {
      const { id, file: name } = inputOf(req, 'GET /api/reports/runs/:id/:file').path;
      // A list of players by id is a player-level export: analyst and up, whatever the route's own (viewer) entry says.
      if (PLAYER_ID_FILES.has(name) && !allows(req.actor?.role, 'analyst'))
        throw forbidden(`${name} lists players by id, a player-level export: it needs the analyst role or higher; ${req.actor?.name} is ${req.actor?.role}`, {
          needed: 'analyst',
        });
      const file = await runFile(db, id, name);
      const ext = path.extname(file.name);
      // CSV files list players; the HTML and JSON hold the same figures summed up.
      if (ext === '.csv') await audited.record(req, { action: 'report.export', target: `run:${file.runId}`, detail: { file: file.name } });
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
