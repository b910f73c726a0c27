/**
 * Schedules from configuration: the REPORT_SCHEDULES JSON file (applied as new
 * versions when they differ from the stored ones) and the default weekly
 * report, created when there is no schedule at all.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, type Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { validateSchedule } from './schedule.ts';
import { listSchedules, saveSchedule, SCHEDULE_ID } from './scheduleStore.ts';

export const DEFAULT_SCHEDULE_ID = 'weekly';
/** The default schedule's name in Chinese; sql/033_catalog_texts.sql gives it to a default schedule made before. */
export const DEFAULT_SCHEDULE_NAME_ZH = '每周流失报告';

/** The default: Monday 08:00 in the game's zone, last week, in English and Chinese. */
export function defaultScheduleInput(cfg: Config): Record<string, unknown> {
  return {
    name: 'Weekly churn report',
    texts: { zh: { name: DEFAULT_SCHEDULE_NAME_ZH } },
    cron: '0 8 * * 1',
    tz: cfg.gameTz,
    period: 'week',
    langs: ['en', 'zh'],
    emails: cfg.reports.emails,
    webhooks: cfg.reports.webhooks,
    topN: 20,
    enabled: true,
  };
}

export interface ConfiguredSchedule {
  id: string;
  input: Record<string, unknown>;
}

/**
 * Reads and checks a schedules file: a JSON array (or {"schedules": [...]})
 * of objects with an "id" and the schedule fields. Every problem is reported
 * with the file, the entry and the field.
 */
export function readSchedulesFile(file: string, cfg: Config): ConfiguredSchedule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`REPORT_SCHEDULES ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { schedules?: unknown })?.schedules;
  if (!Array.isArray(list)) throw new ConfigError(`REPORT_SCHEDULES ${file}: expected a JSON array of schedules (or {"schedules": [...]})`);
  const problems: string[] = [];
  const seen = new Set<string>();
  const out = list.map((entry, i): ConfiguredSchedule => {
    const where = `entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where}: must be an object`);
      return { id: '', input: {} };
    }
    const { id, ...input } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || !SCHEDULE_ID.test(id)) problems.push(`${where}: "id" must be lowercase letters, digits, - and _ (for example "weekly-exec")`);
    else if (seen.has(id)) problems.push(`${where}: id "${id}" is used twice`);
    else seen.add(id);
    for (const e of validateSchedule(input, { tz: cfg.gameTz }).errors) problems.push(`${where} (${String(id)}): ${e.message}`);
    return { id: String(id), input };
  });
  if (problems.length) throw new ConfigError(`REPORT_SCHEDULES ${file}: ${problems.join('; ')}`);
  return out;
}

/** Checks the configuration before the engine opens, so a bad file stops the start with a clear message. */
export function checkScheduleConfig(cfg: Config): ConfiguredSchedule[] {
  const configured = cfg.reports.schedulesFile ? readSchedulesFile(cfg.reports.schedulesFile, cfg) : [];
  const { errors } = validateSchedule(defaultScheduleInput(cfg), { tz: cfg.gameTz });
  if (errors.length) throw new ConfigError(`default report schedule (REPORT_EMAILS / REPORT_WEBHOOKS): ${errors.map((e) => e.message).join('; ')}`);
  return configured;
}

/** Applies the configured schedules, then creates the default one when no schedule exists. */
export async function applyScheduleConfig(db: Db, cfg: Config, log: (m: string) => void): Promise<void> {
  for (const c of checkScheduleConfig(cfg)) {
    const { schedule, saved } = await saveSchedule(db, cfg, { scheduleId: c.id, input: c.input, source: 'config', author: 'REPORT_SCHEDULES', upsert: true });
    if (saved) log(`reports: schedule ${schedule.scheduleId} version ${schedule.version} from ${cfg.reports.schedulesFile}`);
  }
  if ((await listSchedules(db, { archived: true })).length === 0) {
    const { schedule } = await saveSchedule(db, cfg, {
      scheduleId: DEFAULT_SCHEDULE_ID,
      input: defaultScheduleInput(cfg),
      source: 'default',
      author: 'system',
      upsert: true,
    });
    log(`reports: created the default schedule "${schedule.name}" (${schedule.cron} ${schedule.tz})`);
  }
}
