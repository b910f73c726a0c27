import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature a receiver checks: HMAC-SHA256 over "<timestamp>.<body>",
 * hex, sent as `X-Signature: sha256=<hex>` with `X-Timestamp`. The timestamp
 * inside the MAC lets a receiver refuse replays of an old request.
 */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Receiver side (used by tests and documented for the game's mail system). */
export function verifySignature(secret: string, timestamp: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(signature(secret, timestamp, body));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}
