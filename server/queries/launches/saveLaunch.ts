import type { Launch } from '../../../contract/launches.ts';
import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/query.ts';

/** The stored row: the wire's launch, with the frozen offer as JSON instead of its name and kind. */
export type LaunchRecord = Omit<Launch, 'offerName' | 'offerTexts' | 'offerKind' | 'launchedAt'> & { offerJson: string; launchedAt: Date };

/** Writes a launch's row once its members are stored and its webhook outcome is known. */
export async function saveLaunch(db: Db, l: LaunchRecord): Promise<void> {
  await insertRows(db, 'offer_launches', [
    {
      launch_id: l.launchId,
      offer_id: l.offerId,
      offer_version: l.offerVersion,
      offer_json: l.offerJson,
      as_of: l.asOf,
      launched_at: l.launchedAt.toISOString(),
      author: l.author,
      note: l.note,
      seed: l.seed,
      holdout_share: l.holdoutShare,
      window_days: l.windowDays,
      audience: l.audience,
      treatment: l.treatment,
      holdout: l.holdout,
      total_cost: l.totalCost,
      webhook_url: l.webhookUrl,
      webhook_status: l.webhookStatus,
    },
  ]);
}
