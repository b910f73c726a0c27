import type { Delivery } from '../../../contract/delivery.ts';
import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/query.ts';

/** An attempt as recorded: the wire's Delivery plus what it delivered. */
export interface DeliveryAttempt extends Omit<Delivery, 'startedAt'> {
  subject: string;
  subjectId: string;
  startedAt: Date;
}

export async function recordAttempts(db: Db, attempts: DeliveryAttempt[]): Promise<void> {
  await insertRows(
    db,
    'deliveries',
    attempts.map((a) => ({
      delivery_id: a.deliveryId,
      subject: a.subject,
      subject_id: a.subjectId,
      channel: a.channel,
      target: a.target,
      attempt: a.attempt,
      started_at: a.startedAt.toISOString(),
      duration_ms: a.durationMs,
      status: a.status,
      http_status: a.httpStatus,
      error: a.error,
    })),
  );
}
