import type { DailyRow, RangeQuery } from '../../contract/overview.ts';
import type { Db } from '../db/client.ts';
import { dailySeries } from '../queries/overview/daily.ts';
import { storedDailySeries } from '../queries/overview/storedDaily.ts';
import { storedOrLive } from './aggregatesReady.ts';

/** The Overview daily series: from overview_daily when the aggregates are current, else computed live. */
export async function overviewDailySeries(db: Db, f: RangeQuery): Promise<DailyRow[]> {
  return storedOrLive(
    db,
    () => storedDailySeries(db, f),
    () => dailySeries(db, f),
  );
}
