/** The schedules as the Reports page edits them: the current versions and the choices the form offers. */
import { REPORT_LANGS } from '../../contract/enums.ts';
import { REPORT_PERIODS, REPORT_SECTIONS, type ReportSchedules } from '../../contract/reports.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { nextFireTime } from './scheduleWindows.ts';
import { listSchedules } from './scheduleStore.ts';
import { MAX_TOP_N } from './types.ts';

export async function scheduleList(db: Db, cfg: Config, opts: { archived: boolean }, now = new Date()): Promise<ReportSchedules> {
  const schedules = await listSchedules(db, opts);
  const next = (s: (typeof schedules)[number]) => (s.enabled && !s.archived ? (nextFireTime(s.cron, s.tz, now)?.toISOString() ?? null) : null);
  return {
    schedules,
    nextRuns: Object.fromEntries(schedules.map((s) => [s.scheduleId, next(s)])),
    choices: { periods: REPORT_PERIODS, langs: REPORT_LANGS, sections: REPORT_SECTIONS, maxTopN: MAX_TOP_N },
    defaults: { tz: cfg.gameTz, weekStart: cfg.weekStart },
    smtp: Boolean(cfg.smtp.url),
  };
}
