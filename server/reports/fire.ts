/** Running the windows a firing (or a catch-up) stands for, one language at a time. */
import type { ReportLang } from '../../contract/enums.ts';
import type { ReportSchedule, ReportWindow, RunTrigger } from '../../contract/reports.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { WindowBusyError, WindowDoneError, type ReportRunner, type RunResult } from './runs.ts';
import { windowOfFire } from './scheduleWindows.ts';

export interface FireDeps {
  cfg: Config;
  log: Logger;
  runner: ReportRunner;
}

export interface WindowRun {
  scheduleId: string;
  window: ReportWindow;
  lang: ReportLang;
  trigger: RunTrigger;
  /** Absent when the window was running elsewhere (busy) or done meanwhile (done). */
  result?: RunResult;
  busy: boolean;
  done?: boolean;
}

/** Runs one window in one language; a window running elsewhere or done already is logged and left. */
export async function runWindow(
  { log, runner }: FireDeps,
  schedule: ReportSchedule,
  window: ReportWindow,
  lang: ReportLang,
  trigger: RunTrigger,
  firedAt: Date,
): Promise<WindowRun> {
  const base = { scheduleId: schedule.scheduleId, window, lang, trigger };
  try {
    const result = await runner.run({ schedule, window, lang, trigger, firedAt, unlessDone: trigger === 'schedule' || trigger === 'catch_up' });
    // Delivery goes on in the background; the next window need not wait for mail retries.
    return { ...base, result, busy: false };
  } catch (err) {
    if (err instanceof WindowDoneError) {
      log.info(`reports: ${err.message}; not sending it again`);
      return { ...base, busy: false, done: true };
    }
    if (!(err instanceof WindowBusyError)) throw err;
    log.info(`reports: ${err.message}; not starting it again`);
    return { ...base, busy: true };
  }
}

/** One scheduled firing: the window before the fire time, in every language of the schedule. */
export async function fireSchedule(deps: FireDeps, schedule: ReportSchedule, at: Date, trigger: RunTrigger = 'schedule'): Promise<WindowRun[]> {
  const window = windowOfFire(schedule.period, at, deps.cfg.gameTz, deps.cfg.weekStart);
  const out: WindowRun[] = [];
  for (const lang of schedule.langs) out.push(await runWindow(deps, schedule, window, lang, trigger, at));
  return out;
}
