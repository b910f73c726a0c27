import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { OFFER_COLUMNS, type OfferRow } from './offerRows.ts';

/** Every saved version of one offer, newest first. */
export async function offerVersions(db: Db, offerId: string): Promise<OfferRow[]> {
  return rows<OfferRow>(db, `SELECT ${OFFER_COLUMNS} FROM offer_versions WHERE offer_id = {offer_id:String} ORDER BY version DESC`, { offer_id: offerId });
}
