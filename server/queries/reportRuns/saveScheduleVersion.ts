import type { Db } from '../../db/client.ts';
import { exec, one } from '../../db/query.ts';
import type { ScheduleDraft, ScheduleSource } from '../../../contract/reports.ts';

/** Stores a schedule as its next version (1 for a new id); returns the version. */
export async function saveScheduleVersion(
  db: Db,
  scheduleId: string,
  draft: ScheduleDraft,
  meta: { archived: boolean; source: ScheduleSource; author: string },
): Promise<number> {
  const last = await one<{ v: number }>(db, `SELECT max(version) AS v FROM report_schedules WHERE schedule_id = {id:String}`, { id: scheduleId });
  const version = Number(last?.v ?? 0) + 1;
  await exec(
    db,
    `INSERT INTO report_schedules (schedule_id, version, name, texts, cron, tz, period, langs, emails, webhooks, top_n, sections, enabled, include_player_ids, archived, source, author, saved_at)
     SELECT {id:String}, {version:UInt32}, {name:String}, {texts:String}, {cron:String}, {tz:String}, {period:String}, {langs:Array(String)},
            {emails:Array(String)}, {webhooks:Array(String)}, {topN:UInt16}, {sections:Array(String)},
            {enabled:UInt8}, {includePlayerIds:UInt8}, {archived:UInt8}, {source:String}, {author:String}, now64(3)`,
    {
      ...draft,
      texts: JSON.stringify(draft.texts),
      id: scheduleId,
      version,
      enabled: draft.enabled ? 1 : 0,
      includePlayerIds: draft.includePlayerIds ? 1 : 0,
      archived: meta.archived ? 1 : 0,
      source: meta.source,
      author: meta.author,
    },
  );
  return version;
}
