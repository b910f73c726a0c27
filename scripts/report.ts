/**
 * npm run report -- --window YYYY-MM-DD [--schedule <id>] [--lang en|zh] [--no-deliver]
 * Runs a report schedule now for the period holding the given day (default
 * schedule: "weekly", or the first one) and prints where the files are.
 * Goes through the dashboard server when it is running (it owns the embedded
 * engine), otherwise opens the engine itself.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/client.ts';
import { openReadyDb } from '../server/db/open.ts';
import { runnerFor, WindowBusyError } from '../server/reports/runs.ts';
import { REPORT_LANGS, type ReportLang } from '../contract/enums.ts';
import type { ReportSchedule, ReportWindow } from '../contract/reports.ts';
import { applyScheduleConfig, DEFAULT_SCHEDULE_ID } from '../server/reports/scheduleConfig.ts';
import { listSchedules } from '../server/reports/scheduleStore.ts';
import { pastWindow } from '../server/reports/scheduleWindows.ts';
import { openedEngineLine, serverFetch, serverUrl, tryServer } from './serverClient.ts';

const USAGE = 'usage: npm run report -- --window YYYY-MM-DD [--schedule <id>] [--lang en|zh] [--no-deliver]';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Request {
  day: string;
  scheduleId?: string;
  lang?: ReportLang;
  deliver: boolean;
}

interface Outcome {
  window: ReportWindow;
  runs: { lang: string; state: string; error: string; outputDir: string }[];
}

/** The asked schedule, else the default weekly one, else the first. */
function pick(schedules: { scheduleId: string }[], id: string | undefined): string {
  const found = id ? schedules.find((s) => s.scheduleId === id) : (schedules.find((s) => s.scheduleId === DEFAULT_SCHEDULE_ID) ?? schedules[0]);
  if (!found)
    throw new ConfigError(
      id ? `no report schedule "${id}" (known: ${schedules.map((s) => s.scheduleId).join(', ') || 'none'})` : 'there is no report schedule',
    );
  return found.scheduleId;
}

async function viaServer(cfg: Config, req: Request): Promise<Outcome | null> {
  if (!(await tryServer(cfg))) return null;
  console.log(`dashboard server is running at ${serverUrl(cfg)}: asking it to run the report`);
  const list = (await (await serverFetch(cfg, '/api/reports/schedules')).json()) as { schedules: { scheduleId: string }[] };
  const id = pick(list.schedules, req.scheduleId);
  const res = await serverFetch(cfg, `/api/reports/schedules/${encodeURIComponent(id)}/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ window: req.day, lang: req.lang, deliver: req.deliver, trigger: 'cli' }),
  });
  const body = (await res.json()) as Outcome & { error?: string };
  if (!res.ok) throw new ConfigError(`server refused: ${body.error ?? res.status}`);
  return body;
}

async function direct(cfg: Config, req: Request): Promise<Outcome> {
  const db = await openReadyDb(cfg);
  const log = (m: string) => console.log(`  ${m}`);
  console.log(openedEngineLine(db, cfg));
  try {
    await applyScheduleConfig(db, cfg, log);
    const schedules = await listSchedules(db);
    const schedule = schedules.find((s) => s.scheduleId === pick(schedules, req.scheduleId)) as ReportSchedule;
    const { window, error } = pastWindow(schedule.period, req.day, new Date(), cfg.gameTz, cfg.weekStart);
    if (error) throw new ConfigError(error);
    const runner = runnerFor(db, cfg, log);
    const runs: Outcome['runs'] = [];
    for (const lang of req.lang ? [req.lang] : schedule.langs) {
      const r = await runner.run({ schedule, window, lang, trigger: 'cli', deliver: req.deliver });
      // This process closes the engine when it ends, so it waits for the deliveries.
      for (const d of await r.delivered) console.log(`  ${d.channel} to ${d.target}: ${d.ok ? 'delivered' : 'failed (see the runs list)'}`);
      runs.push({ lang, state: r.state, error: r.error, outputDir: r.outputDir });
    }
    return { window, runs };
  } finally {
    await db.close();
  }
}

/** The command line's options; a malformed one is reported with the usage. */
function parseCommandLine() {
  try {
    return parseArgs({
      options: { window: { type: 'string' }, schedule: { type: 'string' }, lang: { type: 'string' }, 'no-deliver': { type: 'boolean', default: false } },
    });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message.split('\n')[0]}; ${USAGE}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseCommandLine();
  const day = values.window;
  if (!day) throw new ConfigError(USAGE);
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!DAY.test(day) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day)
    throw new ConfigError(`--window must be a date as YYYY-MM-DD, got "${day}"`);
  if (values.lang !== undefined && !REPORT_LANGS.includes(values.lang as ReportLang)) throw new ConfigError(`--lang must be en or zh, got "${values.lang}"`);
  const cfg = loadConfig();
  const req: Request = { day, scheduleId: values.schedule, lang: values.lang as ReportLang | undefined, deliver: !values['no-deliver'] };
  const out = (await viaServer(cfg, req)) ?? (await direct(cfg, req));
  console.log(`window ${out.window.from}..${out.window.to}`);
  for (const r of out.runs) {
    if (r.state === 'done') console.log(r.outputDir);
    else console.error(`error: the ${r.lang} report failed: ${r.error}`);
  }
  if (out.runs.some((r) => r.state !== 'done')) process.exitCode = 1;
}

main().catch((err: unknown) => {
  const known = [ConfigError, DataDirLockedError, WindowBusyError].some((E) => err instanceof E);
  console.error(`error: ${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}`);
  process.exit(1);
});
