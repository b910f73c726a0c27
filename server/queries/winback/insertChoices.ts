import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/query.ts';
import type { ChoicesRow } from './latestChoices.ts';

/** Appends one version of the win-back offer choice (versions are never updated in place). */
export async function insertChoices(db: Db, c: ChoicesRow): Promise<void> {
  await insertRows(db, 'winback_choices', [
    {
      version: c.version,
      rescue_offer_id: c.rescueOfferId,
      new_server_offer_id: c.newServerOfferId,
      comrades_offer_id: c.comradesOfferId,
      author: c.author,
      note: c.note,
      saved_at: c.savedAt,
    },
  ]);
}
