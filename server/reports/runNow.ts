/** "Run now": a schedule's report for a past period, from the dashboard or the command line. */
import type { ReportLang } from '../../contract/enums.ts';
import type { RunNowAnswer } from '../../contract/reports.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { conflict, invalid, notFound } from '../domainError.ts';
import { runnerFor } from './runs.ts';
import { getSchedule } from './scheduleStore.ts';
import { pastWindow } from './scheduleWindows.ts';

export interface RunNowRequest {
  /** A day inside the period to report. */
  day: string;
  /** Absent: every language of the schedule. */
  lang?: ReportLang;
  deliver: boolean;
  trigger: 'manual' | 'cli';
}

/**
 * Runs the period holding the day, once it has ended, in each language. A
 * language already running refuses the whole request before any starts.
 */
export async function runScheduleNow(deps: { db: Db; cfg: Config; log: (m: string) => void }, scheduleId: string, req: RunNowRequest): Promise<RunNowAnswer> {
  const { db, cfg, log } = deps;
  const schedule = await getSchedule(db, scheduleId);
  if (!schedule) throw notFound(`no report schedule "${scheduleId}"`);
  const { window, error } = pastWindow(schedule.period, req.day, new Date(), cfg.gameTz, cfg.weekStart);
  if (error) throw invalid(error);
  const langs = req.lang ? [req.lang] : schedule.langs;
  const runner = runnerFor(db, cfg, log);
  for (const lang of langs) {
    if (await runner.busy(schedule.scheduleId, window.to, lang))
      throw conflict(`the ${lang} report for ${window.from}..${window.to} is running; try again when it has finished`);
  }
  const runs: RunNowAnswer['runs'] = [];
  for (const lang of langs) {
    const result = await runner.run({ schedule, window, lang, trigger: req.trigger, deliver: req.deliver });
    runs.push({ runId: result.runId, lang, state: result.state, error: result.error, outputDir: result.outputDir, files: result.files });
  }
  return { scheduleId: schedule.scheduleId, window, runs };
}
