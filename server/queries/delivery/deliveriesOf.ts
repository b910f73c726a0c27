import type { Delivery } from '../../../contract/delivery.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/** Every delivery attempt of one launch or report run, oldest first. */
export function deliveriesOf(db: Db, subject: string, subjectId: string): Promise<Delivery[]> {
  return rows<Delivery>(
    db,
    `SELECT delivery_id AS deliveryId, channel, target, attempt, toString(started_at) AS startedAt,
            duration_ms AS durationMs, status, http_status AS httpStatus, error
     FROM deliveries WHERE subject = {subject:String} AND subject_id = {subject_id:String}
     ORDER BY started_at, attempt`,
    { subject, subject_id: subjectId },
  );
}
