import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { OFFER_COLUMNS, type OfferRow } from './offerRows.ts';

/** The latest version of every offer, archived ones only when asked; by name. */
export async function currentOffers(db: Db, includeArchived: boolean): Promise<OfferRow[]> {
  return rows<OfferRow>(
    db,
    `SELECT ${OFFER_COLUMNS}
     FROM offer_versions
     WHERE (offer_id, version) IN (SELECT offer_id, max(version) FROM offer_versions GROUP BY offer_id)
       AND (archived = 0 OR {include_archived:UInt8} = 1)
     ORDER BY name, offer_id`,
    { include_archived: includeArchived ? 1 : 0 },
  );
}
