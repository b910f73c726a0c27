import type { RetentionFilters } from '../../../contract/retention.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

/** The platforms and channels players started on, for the cohort filters. */
export async function filterOptions(db: Db): Promise<RetentionFilters> {
  const r = await one<{ platforms: string[]; channels: string[] }>(
    db,
    `SELECT arraySort(groupUniqArrayIf(platform, platform != '')) AS platforms, arraySort(groupUniqArrayIf(channel, channel != '')) AS channels
     FROM (SELECT argMinMerge(platform) AS platform, argMinMerge(channel) AS channel FROM player_attributes GROUP BY player_id)`,
  );
  return { platforms: r?.platforms ?? [], channels: r?.channels ?? [] };
}
