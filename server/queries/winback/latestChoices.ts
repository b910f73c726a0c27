import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

export interface ChoicesRow {
  version: number;
  rescueOfferId: string;
  newServerOfferId: string;
  comradesOfferId: string;
  author: string;
  note: string;
  savedAt: string;
}

/** The newest saved win-back offer choice; null before the first save. */
export async function latestChoices(db: Db): Promise<ChoicesRow | null> {
  const r = await one<ChoicesRow>(
    db,
    `SELECT version, rescue_offer_id AS rescueOfferId, new_server_offer_id AS newServerOfferId, comrades_offer_id AS comradesOfferId,
            author, note, toString(saved_at) AS savedAt
     FROM winback_choices ORDER BY version DESC LIMIT 1`,
  );
  return r ? { ...r, version: Number(r.version) } : null;
}
