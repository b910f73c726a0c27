import type { Day } from '../contract/common.ts';
import { addDays, today } from './days.ts';
import type { Db } from './db/client.ts';
import { dataDays } from './queries/stages/dataDays.ts';

/**
 * The one rule for "as of which day" when a request names none: the last day
 * with data. Pages show what the data holds, including a day still under way.
 * Null when there is no data yet.
 */
export async function resolveAsOf(db: Db, requested?: Day): Promise<Day | null> {
  return requested ?? (await dataDays(db)).maxDay;
}

/**
 * Model fits stop at the last complete day instead: a day still under way
 * would read as every player idle since the morning.
 */
export function lastCompleteDay(maxDay: Day, tz: string, now: Date = new Date()): Day {
  const yesterday = addDays(today(tz, now), -1);
  return maxDay < yesterday ? maxDay : yesterday;
}
