import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import type { Received } from './receiver.ts';

/**
 * The X-Signature a receiver expects, computed from the format README.md
 * documents ("Checking a webhook's signature") rather than with the sender's
 * code: a change of format then fails the tests as it would fail receivers.
 */
export const documentedSignature = (secret: string, timestamp: string, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;

/** The request carries Unix seconds in X-Timestamp and the documented signature of that timestamp and its raw body. */
export function expectSigned(req: Received, secret: string): void {
  const timestamp = String(req.headers['x-timestamp']);
  expect(timestamp).toMatch(/^\d{10}$/);
  expect(req.headers['x-signature']).toBe(documentedSignature(secret, timestamp, req.body));
  expect(req.headers['x-signature']).not.toBe(documentedSignature(`${secret}-other`, timestamp, req.body));
}
