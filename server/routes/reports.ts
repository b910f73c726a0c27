import path from 'node:path';
import { Router } from 'express';
import type { Deps } from '../deps.ts';
import { deliveriesOf, type DeliveryRow } from '../queries/delivery/deliveriesOf.ts';
import { listRuns } from '../queries/reportRuns/listRuns.ts';
import type { RunRow } from '../queries/reportRuns/runRow.ts';
import { runnerFor, type RunFile } from '../reports/runs.ts';
import { schedulesChanged } from '../reports/scheduler.ts';
import { getSchedule, listSchedules, saveSchedule, SCHEDULE_ID } from '../reports/scheduleStore.ts';
import { pastWindow, REPORT_PERIODS } from '../reports/scheduleWindows.ts';
import { MAX_TOP_N, REPORT_LANGS, REPORT_SECTIONS, type ReportLang } from '../reports/types.ts';
import { handle } from './http.ts';
import { parseChoice, parseDay, parseWhole, queryString } from './params.ts';
import { conflict, invalid, notFound } from '../domainError.ts';

type Body = Record<string, unknown>;

export interface RunView extends Omit<RunRow, 'files' | 'options'> {
  options: unknown;
  files: RunFile[];
  deliveries: DeliveryRow[];
}

async function view(deps: Deps, r: RunRow): Promise<RunView> {
  return { ...r, options: JSON.parse(r.options || '{}'), files: JSON.parse(r.files || '[]') as RunFile[], deliveries: await deliveriesOf(deps.db, 'report', r.runId) };
}

function bodyOf(raw: unknown): Body {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('the body must be a JSON object');
  return raw as Body;
}


async function runOf(deps: Deps, id: string): Promise<RunRow> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalid(`a run id is a UUID, got "${id}"`);
  const r = (await listRuns(deps.db, { runId: id, limit: 1, offset: 0 }))[0];
  if (!r) throw notFound(`no report run ${id}`);
  return r;
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json; charset=utf-8' };

export function reportRoutes(deps: Deps): Router {
  const { db, cfg, log } = deps;
  const r = Router();

  r.get(
    '/reports/schedules',
    handle(async (req) => {
      const archived = queryString(req.query as Body, 'archived') === 'true';
      return {
        schedules: await listSchedules(db, { archived }),
        choices: { periods: REPORT_PERIODS, langs: REPORT_LANGS, sections: REPORT_SECTIONS, maxTopN: MAX_TOP_N },
        defaults: { tz: cfg.gameTz, weekStart: cfg.weekStart },
        smtp: Boolean(cfg.smtp.url),
      };
    }),
  );
  r.post(
    '/reports/schedules',
    handle(async (req, res) => {
      const out = await saveSchedule(db, cfg, { input: bodyOf(req.body), source: 'dashboard', author: 'dashboard' });
      schedulesChanged(db);
      res.status(201);
      return out;
    }),
  );
  r.put(
    '/reports/schedules/:id',
    handle(async (req) => {
      const out = await saveSchedule(db, cfg, { scheduleId: String(req.params.id), input: bodyOf(req.body), source: 'dashboard', author: 'dashboard' });
      schedulesChanged(db);
      return out;
    }),
  );
  r.post(
    '/reports/schedules/:id/run',
    handle(async (req) => {
      const id = String(req.params.id);
      const schedule = SCHEDULE_ID.test(id) ? await getSchedule(db, id) : undefined;
      if (!schedule) throw notFound(`no report schedule "${id}"`);
      const body = bodyOf(req.body ?? {});
      if (typeof body.window !== 'string') throw invalid('window is required: a date as YYYY-MM-DD inside the period to report');
      const day = parseDay(body.window, 'window');
      const { window, error } = pastWindow(schedule.period, day, new Date(), cfg.gameTz, cfg.weekStart);
      if (error) throw invalid(error);
      const langs: ReportLang[] = body.lang === undefined || body.lang === null || body.lang === '' ? schedule.langs : [parseChoice({ lang: body.lang }, 'lang', REPORT_LANGS)];
      if (body.deliver !== undefined && typeof body.deliver !== 'boolean') throw invalid('deliver must be true or false');
      const trigger = body.trigger === 'cli' ? 'cli' : 'manual';
      const runner = runnerFor(db, cfg, log);
      for (const lang of langs) {
        if (await runner.busy(schedule.scheduleId, window.to, lang)) throw conflict(`the ${lang} report for ${window.from}..${window.to} is running; try again when it has finished`);
      }
      const runs = [];
      for (const lang of langs) {
        const result = await runner.run({ schedule, window, lang, trigger, deliver: body.deliver !== false });
        runs.push({ runId: result.runId, lang, state: result.state, error: result.error, outputDir: result.outputDir, files: result.files });
      }
      return { scheduleId: schedule.scheduleId, window, runs };
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
      const found = await listRuns(db, { scheduleId, limit, offset });
      return { total: Number(found[0]?.total ?? 0), limit, offset, runs: await Promise.all(found.map(({ total: _t, ...row }) => view(deps, row))) };
    }),
  );
  r.get(
    '/reports/runs/:id',
    handle(async (req) => {
      const { total: _t, ...row } = (await runOf(deps, String(req.params.id))) as RunRow & { total?: number };
      return view(deps, row);
    }),
  );
  r.get(
    '/reports/runs/:id/deliveries',
    handle(async (req) => ({ deliveries: await deliveriesOf(db, 'report', (await runOf(deps, String(req.params.id))).runId) })),
  );
  r.get(
    '/reports/runs/:id/:file',
    handle(async (req, res) => {
      const run = await runOf(deps, String(req.params.id));
      const name = String(req.params.file);
      // Only the files the run recorded, by exact name: nothing else under REPORTS_DIR is reachable.
      const file = (JSON.parse(run.files || '[]') as RunFile[]).find((f) => f.name === name);
      if (!file) throw notFound(`run ${run.runId} has no file "${name}"`);
      const ext = path.extname(name);
      res.set('Content-Type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
      res.set('Content-Disposition', `${ext === '.html' ? 'inline' : 'attachment'}; filename="${name}"`);
      res.set('X-Content-Type-Options', 'nosniff');
      // The page needs no scripts: forbid them, in case a value slipped past escaping.
      if (ext === '.html') res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      await new Promise<void>((resolve, reject) =>
        res.sendFile(path.join(run.outputDir, file.name), { dotfiles: 'deny' }, (err) => (err ? reject(notFound(`the file ${name} of run ${run.runId} is no longer on disk`)) : resolve())),
      );
      return undefined;
    }),
  );
  return r;
}
