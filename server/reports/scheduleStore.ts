/** Reading and saving report schedules (versioned: every save is a new version). */
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { currentSchedules, type ScheduleRow } from '../queries/reportRuns/schedules.ts';
import { saveScheduleVersion } from '../queries/reportRuns/saveScheduleVersion.ts';
import type { FieldError, ReportSchedule, ScheduleSaved } from '../../contract/reports.ts';
import type { LocalTexts } from '../../contract/texts.ts';
import { scheduleDiffers, validateSchedule } from './schedule.ts';
import { destinationErrors } from './scheduleDestinations.ts';
import { DomainError } from '../domainError.ts';

/** Schedule ids name directories under REPORTS_DIR, so they are plain slugs. */
export const SCHEDULE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class ScheduleError extends DomainError {
  constructor(
    status: 400 | 404,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(status === 404 ? 'not_found' : 'invalid', message, { errors });
  }
}

const fromRow = (r: ScheduleRow): ReportSchedule => ({
  scheduleId: r.scheduleId,
  version: Number(r.version),
  name: r.name,
  texts: JSON.parse(r.texts || '{}') as LocalTexts<'name'>,
  cron: r.cron,
  tz: r.tz,
  period: r.period,
  langs: r.langs,
  emails: r.emails,
  webhooks: r.webhooks,
  topN: Number(r.topN),
  sections: r.sections,
  enabled: Number(r.enabled) === 1,
  includePlayerIds: Number(r.includePlayerIds) === 1,
  archived: Number(r.archived) === 1,
  source: r.source,
  author: r.author,
  savedAt: r.savedAt,
  createdAt: r.createdAt,
});

/** Current versions, archived ones included when asked. */
export async function listSchedules(db: Db, opts: { archived?: boolean } = {}): Promise<ReportSchedule[]> {
  const all = (await currentSchedules(db)).map(fromRow);
  return opts.archived ? all : all.filter((s) => !s.archived);
}

export async function getSchedule(db: Db, scheduleId: string): Promise<ReportSchedule | undefined> {
  if (!SCHEDULE_ID.test(scheduleId)) return undefined;
  return (await currentSchedules(db, scheduleId)).map(fromRow)[0];
}

export interface SaveRequest {
  /** Absent: a new schedule (the id is made up unless given). */
  scheduleId?: string;
  input: Record<string, unknown>;
  source: ReportSchedule['source'];
  author: string;
  /** Create the schedule under this id when it does not exist (configuration files name their ids). */
  upsert?: boolean;
}

/**
 * Validates and saves a schedule; an unchanged one is not saved again.
 * Throws ScheduleError 400 with field messages, 404 for an unknown id.
 */
export async function saveSchedule(db: Db, cfg: Config, req: SaveRequest): Promise<ScheduleSaved> {
  const id = req.scheduleId ?? `s-${randomBytes(4).toString('hex')}`;
  if (!SCHEDULE_ID.test(id))
    throw new ScheduleError(400, `a schedule id is lowercase letters, digits, - and _ (at most 64), got "${id}"`, [
      { field: 'id', code: 'schedule_id', values: { value: id }, message: 'bad id' },
    ]);
  const current = req.scheduleId ? await getSchedule(db, id) : undefined;
  if (req.scheduleId && !current && !req.upsert) throw new ScheduleError(404, `no report schedule "${id}"`);
  const { draft, errors } = validateSchedule(req.input, { tz: cfg.gameTz });
  // A person saving sends nowhere the admin did not allow; configured schedules are the admin's own (logged at start, refused at delivery).
  if (!errors.length && req.source === 'dashboard') errors.push(...(await destinationErrors(cfg.deliveryAllow, draft)));
  if (errors.length) throw new ScheduleError(400, errors.map((e) => e.message).join('; '), errors);
  const archived = req.input.archived === true;
  if (current && !scheduleDiffers(current, draft) && current.archived === archived) return { schedule: current, saved: false };
  await saveScheduleVersion(db, id, draft, { archived, source: req.source, author: req.author });
  return { schedule: (await getSchedule(db, id))!, saved: true };
}
