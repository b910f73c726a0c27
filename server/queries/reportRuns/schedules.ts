import type { ReportSchedule } from '../../../contract/reports.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/** A schedule as stored: the flags as 0/1. */
export interface ScheduleRow extends Omit<ReportSchedule, 'enabled' | 'archived' | 'includePlayerIds' | 'texts'> {
  /** JSON of the name's texts by language. */
  texts: string;
  enabled: number;
  includePlayerIds: number;
  archived: number;
}

/** The current (highest) version of every schedule, or of one, with when its first version was saved. */
export function currentSchedules(db: Db, scheduleId = ''): Promise<ScheduleRow[]> {
  return rows<ScheduleRow>(
    db,
    `SELECT schedule_id AS scheduleId, s.version AS version, name, texts, cron, tz, period, langs, emails, webhooks,
            top_n AS topN, sections, enabled, include_player_ids AS includePlayerIds, archived, source, author, saved_at AS savedAt, c.created_at AS createdAt
     FROM report_schedules AS s
     INNER JOIN (
       SELECT schedule_id, max(version) AS version, min(saved_at) AS created_at FROM report_schedules
       WHERE {id:String} = '' OR schedule_id = {id:String} GROUP BY schedule_id
     ) AS c USING (schedule_id)
     WHERE s.version = c.version
     ORDER BY c.created_at, schedule_id`,
    { id: scheduleId },
  );
}
