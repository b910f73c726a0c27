import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import type { LaunchRecord } from './saveLaunch.ts';

/** A stored launch: the record as written, its time as text, and the offer's name and kind read from its frozen JSON. */
export interface LaunchRow extends Omit<LaunchRecord, 'launchedAt'> {
  launchedAt: string;
  offerName: string;
  offerKind: string;
}

/**
 * Launches, newest first: one (launch = '') or all, optionally only an
 * offer's launches on one as-of day (the duplicate check). FINAL: a launch id
 * keeps its latest row.
 */
export function launches(db: Db, f: { launch?: string; offer?: string; asOf?: string; limit?: number } = {}): Promise<LaunchRow[]> {
  return rows<LaunchRow>(
    db,
    `SELECT launch_id AS launchId, offer_id AS offerId, offer_version AS offerVersion,
            JSONExtractString(offer_json, 'name') AS offerName, JSONExtractString(offer_json, 'kind') AS offerKind, offer_json AS offerJson,
            toString(as_of) AS asOf, toString(launched_at) AS launchedAt, author, note, seed, holdout_share AS holdoutShare,
            window_days AS windowDays, audience, treatment, holdout, toString(total_cost) AS totalCost,
            webhook_url AS webhookUrl, webhook_status AS webhookStatus
     FROM offer_launches FINAL
     WHERE ({launch:String} = '' OR launch_id = {launch:String})
       AND ({offer:String} = '' OR offer_id = {offer:String})
       AND ({asOf:String} = '' OR toString(as_of) = {asOf:String})
     ORDER BY launched_at DESC, launch_id
     LIMIT {limit:UInt32}`,
    { launch: f.launch ?? '', offer: f.offer ?? '', asOf: f.asOf ?? '', limit: f.limit ?? 1000 },
  );
}
