import type { RangeQuery } from '../../contract/overview.ts';
import type { Db } from '../db/client.ts';
import { cohortCounts } from '../queries/overview/cohortCounts.ts';
import type { CohortCounts } from '../queries/overview/cohortRatesSql.ts';
import { storedCohortCounts } from '../queries/overview/storedCohortCounts.ts';
import { storedOrLive } from '../retention/aggregatesReady.ts';

/** The counts behind the Overview's cohort rates: from the stored cohort tables when current, else computed live. */
export function cohortRates(db: Db, f: RangeQuery): Promise<CohortCounts> {
  return storedOrLive(
    db,
    () => storedCohortCounts(db, f),
    () => cohortCounts(db, f),
  );
}
