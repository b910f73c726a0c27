import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { recordAttempts, type DeliveryAttempt } from '../queries/delivery/recordAttempts.ts';
import { urlRefusal } from './destination.ts';
import { shownUrl } from './shownUrl.ts';
import { signature } from './sign.ts';

export interface WebhookOutcome {
  deliveryId: string;
  ok: boolean;
  attempts: DeliveryAttempt[];
}

export interface WebhookRequest {
  /** What is delivered and its id, for the deliveries table ('launch', 'report'). */
  subject: string;
  subjectId: string;
  url: string;
  payload: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 2xx is delivered; 4xx other than 408/429 will not get better by retrying. */
const retryable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

/**
 * POSTs a JSON payload, signed when WEBHOOK_SECRET is set, retrying with
 * exponential backoff (base, 2x base, 4x base, ...), and records every attempt
 * in `deliveries`. Never throws for a failed delivery: the outcome says so.
 * A URL outside DELIVERY_ALLOW is never called: one failed attempt says why.
 */
export async function postWebhook(db: Db, cfg: Config, req: WebhookRequest): Promise<WebhookOutcome> {
  const deliveryId = randomUUID();
  const body = JSON.stringify(req.payload);
  const attempts: DeliveryAttempt[] = [];
  const target = shownUrl(req.url);
  const refused = await urlRefusal(cfg.deliveryAllow, req.url);
  if (refused) {
    const base = { deliveryId, subject: req.subject, subjectId: req.subjectId, channel: 'webhook' as const, target };
    attempts.push({ ...base, attempt: 1, startedAt: new Date(), durationMs: 0, status: 'failed', httpStatus: 0, error: refused });
  }
  for (let n = 1; n <= (refused ? 0 : cfg.webhook.attempts); n++) {
    const startedAt = new Date();
    const timestamp = String(Math.floor(startedAt.getTime() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-delivery-id': deliveryId,
      'x-timestamp': timestamp,
    };
    if (cfg.webhook.secret) headers['x-signature'] = signature(cfg.webhook.secret, timestamp, body);
    let httpStatus = 0;
    let error = '';
    try {
      // A redirect is not followed: it could lead anywhere, past DELIVERY_ALLOW; the 3xx is a failed attempt.
      const res = await fetch(req.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(cfg.webhook.timeoutMs) });
      httpStatus = res.status;
      if (!res.ok) error = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? `no answer within ${cfg.webhook.timeoutMs} ms` : String((err as Error).cause ?? (err as Error).message);
    }
    const ok = error === '';
    attempts.push({
      deliveryId,
      subject: req.subject,
      subjectId: req.subjectId,
      channel: 'webhook',
      target,
      attempt: n,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      status: ok ? 'ok' : 'failed',
      httpStatus,
      error,
    });
    if (ok || !retryable(httpStatus) || n === cfg.webhook.attempts) break;
    await sleep(cfg.webhook.retryBaseMs * 2 ** (n - 1));
  }
  await recordAttempts(db, attempts);
  return { deliveryId, ok: attempts.at(-1)?.status === 'ok', attempts };
}
