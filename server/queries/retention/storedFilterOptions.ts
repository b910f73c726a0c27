import type { RetentionFilters } from '../../../contract/retention.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

/** filterOptions from the stored cohort members (sql/028). */
export async function storedFilterOptions(db: Db): Promise<RetentionFilters> {
  const r = await one<{ platforms: string[]; channels: string[] }>(
    db,
    `SELECT arraySort(groupUniqArrayIf(toString(platform), platform != '')) AS platforms,
            arraySort(groupUniqArrayIf(toString(channel), channel != '')) AS channels
     FROM cohort_members`,
  );
  return { platforms: r?.platforms ?? [], channels: r?.channels ?? [] };
}
