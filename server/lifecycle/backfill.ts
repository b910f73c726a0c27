import type { BackfillRequest, BackfillResult } from '../../contract/lifecycle.ts';
import type { Db } from '../db/client.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { snapshotStages } from './snapshots.ts';
import { DomainError } from '../domainError.ts';

export class BackfillRangeError extends DomainError {
  constructor(message: string) {
    super('invalid', message);
  }
}

/**
 * Snapshots every player's stage for the days of a range (default: every day
 * with data), clamped to the days that have data: a stage needs events up to
 * its day, and days after the last event would only age everyone.
 */
export async function backfillStages(db: Db, range: BackfillRequest, onDay?: (done: number, total: number) => void): Promise<BackfillResult> {
  const t0 = performance.now();
  const { minDay, maxDay } = await dataDays(db);
  if (!minDay || !maxDay) return { from: null, to: null, days: 0, seconds: 0 };
  const from = range.from && range.from > minDay ? range.from : minDay;
  const to = range.to && range.to < maxDay ? range.to : maxDay;
  if (from > to)
    throw new BackfillRangeError(`nothing to backfill: ${range.from ?? from}..${range.to ?? to} is outside the days with data (${minDay}..${maxDay})`);
  const days = await snapshotStages(db, from, to, onDay);
  return { from, to, days, seconds: (performance.now() - t0) / 1000 };
}
