import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/query.ts';

export interface DeliveryAttempt {
  deliveryId: string;
  subject: string;
  subjectId: string;
  channel: 'webhook' | 'email';
  target: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  status: 'ok' | 'failed';
  httpStatus: number;
  error: string;
}

export async function recordAttempts(db: Db, attempts: DeliveryAttempt[]): Promise<void> {
  await insertRows(db, 'deliveries', attempts.map((a) => ({
    delivery_id: a.deliveryId, subject: a.subject, subject_id: a.subjectId, channel: a.channel, target: a.target,
    attempt: a.attempt, started_at: a.startedAt.toISOString(), duration_ms: a.durationMs, status: a.status,
    http_status: a.httpStatus, error: a.error,
  })));
}
