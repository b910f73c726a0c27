import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

export interface ScheduleHistory {
  /** The latest fire time a finished scheduled or catch-up run stood for; null before the first (a failed window is tried again). */
  lastFiredAt: string | null;
  /**
   * "window_to/lang" of every window the schedule itself ran to the end (a
   * scheduled or catch-up run): those were delivered to its recipients. A
   * manual or CLI run does not count, so it never stops the scheduled delivery.
   */
  done: string[];
}

export async function scheduleHistory(db: Db, scheduleId: string): Promise<ScheduleHistory> {
  // maxIf over no rows gives the zero time, not NULL: `fired` tells the two apart.
  const r = await one<ScheduleHistory & { fired: number }>(
    db,
    `SELECT maxIf(fired_at, trigger IN ('schedule', 'catch_up') AND fired_at IS NOT NULL AND state = 'done') AS lastFiredAt,
            groupUniqArrayIf(concat(toString(window_to), '/', lang), trigger IN ('schedule', 'catch_up') AND state = 'done') AS done,
            countIf(trigger IN ('schedule', 'catch_up') AND fired_at IS NOT NULL AND state = 'done') AS fired
     FROM report_runs FINAL WHERE schedule_id = {id:String}`,
    { id: scheduleId },
  );
  return { lastFiredAt: Number(r?.fired ?? 0) > 0 ? (r?.lastFiredAt ?? null) : null, done: r?.done ?? [] };
}
