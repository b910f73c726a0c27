import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postWebhook } from '../../server/delivery/webhook.ts';
import { deliveriesOf } from '../../server/queries/delivery/deliveriesOf.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { expectSigned } from '../helpers/webhookSignature.ts';

let engine: TestEngine;
let receiver: Receiver;

beforeAll(async () => {
  engine = await freshEngine({ WEBHOOK_SECRET: 'k3y', WEBHOOK_ATTEMPTS: '4', WEBHOOK_RETRY_BASE_MS: '20' });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await engine.cleanup();
});

describe('webhook delivery', () => {
  it('retries 5xx with growing waits, signs every attempt and records each one', async () => {
    receiver.plan = [503, 500];
    const out = await postWebhook(engine.db, engine.cfg, { subject: 'launch', subjectId: 'L1', url: receiver.url, payload: { hello: '世界' } });
    // The retries wait the base (20 ms), then twice it: each attempt starts at least that long after the one before.
    const starts = out.attempts.map((a) => a.startedAt.getTime());
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(20);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(40);
    expect(out.ok).toBe(true);
    expect(out.attempts.map((a) => [a.status, a.httpStatus])).toEqual([
      ['failed', 503],
      ['failed', 500],
      ['ok', 200],
    ]);
    expect(receiver.received).toHaveLength(3);
    for (const r of receiver.received) {
      expect(JSON.parse(r.body)).toEqual({ hello: '世界' });
      expectSigned(r, 'k3y');
      expect(r.headers['x-delivery-id']).toBe(out.deliveryId);
    }
    const stored = await deliveriesOf(engine.db, 'launch', 'L1');
    expect(stored.map((d) => [d.attempt, d.status, d.httpStatus])).toEqual([
      [1, 'failed', 503],
      [2, 'failed', 500],
      [3, 'ok', 200],
    ]);
    expect(stored[0].error).toContain('HTTP 503');
  });

  it('gives up at once on a 4xx and after the last attempt when nobody answers', async () => {
    receiver.received.length = 0;
    receiver.plan = [400];
    const refused = await postWebhook(engine.db, engine.cfg, { subject: 'report', subjectId: 'R1', url: receiver.url, payload: {} });
    expect(refused.ok).toBe(false);
    expect(refused.attempts).toHaveLength(1);

    const down = await postWebhook(engine.db, engine.cfg, { subject: 'report', subjectId: 'R2', url: 'http://127.0.0.1:9/none', payload: {} });
    expect(down.ok).toBe(false);
    expect(down.attempts).toHaveLength(4);
    expect(down.attempts.every((a) => a.httpStatus === 0 && a.error !== '')).toBe(true);
    expect(await deliveriesOf(engine.db, 'report', 'R2')).toHaveLength(4);
  });

  it('sends the fixed test vector: the header a receiver computes for a known secret, time and body', async () => {
    receiver.received.length = 0;
    receiver.plan = [];
    vi.useFakeTimers({ toFake: ['Date'], now: 1_767_225_600_000 });
    try {
      await postWebhook(engine.db, engine.cfg, { subject: 'launch', subjectId: 'L0', url: receiver.url, payload: { hello: '世界' } });
    } finally {
      vi.useRealTimers();
    }
    const [r] = receiver.received;
    expect([r.headers['x-timestamp'], r.body]).toEqual(['1767225600', '{"hello":"世界"}']);
    // test/unit/webhook-signature.test.ts's vector, computed with OpenSSL from the README's format.
    expect(r.headers['x-signature']).toBe('sha256=8556b0fa0c201ea1c7814074353792639885fd024302d3ced6ab77fda3388bac');
  });
});
