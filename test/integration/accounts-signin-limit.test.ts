import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { addUser, serveWithClock, testClock, type TestClock } from '../helpers/session.ts';

const PASSWORD = 'the real passphrase';
let engine: TestEngine;
let clock: TestClock;
let api: Awaited<ReturnType<typeof serveWithClock>>;

beforeAll(async () => {
  engine = await freshEngine({
    SIGNIN_FREE_FAILURES: '3',
    SIGNIN_FREE_FAILURES_PER_ADDRESS: '8',
    SIGNIN_DELAY_BASE_SECONDS: '2',
    SIGNIN_DELAY_MAX_SECONDS: '60',
    SIGNIN_WINDOW_MINUTES: '15',
  });
  clock = testClock();
  api = await serveWithClock(engine, clock);
  await addUser(engine, 'lena', 'viewer', PASSWORD);
});
afterAll(async () => {
  await api?.close();
  await engine?.cleanup();
});

async function attempt(user: string, password: string, ip?: string) {
  const res = await fetch(`${api.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(ip ? { 'x-forwarded-for': ip } : {}) },
    body: JSON.stringify({ user, password }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

describe('sign-in rate limit with a growing delay', () => {
  it('lets 3 failures through, then makes each further attempt wait 2 s, 4 s, 8 s ... and clears on success', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('lena', 'wrong guess number')).status).toBe(401);
    const blocked = await attempt('lena', PASSWORD); // even the right password waits
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfter).toBe('2');
    expect(blocked.body).toEqual({ error: 'too many failed sign-ins; wait 2 s before trying again', retryAfterSeconds: 2, code: 'rate_limited' });

    clock.advance(2000);
    expect((await attempt('lena', 'wrong guess number')).status).toBe(401);
    const longer = await attempt('lena', PASSWORD);
    expect(longer.status).toBe(429);
    expect(longer.body.retryAfterSeconds).toBe(4);

    clock.advance(4000);
    expect((await attempt('lena', 'wrong guess number')).status).toBe(401);
    expect((await attempt('lena', PASSWORD)).body.retryAfterSeconds).toBe(8);

    clock.advance(8000);
    expect((await attempt('lena', PASSWORD)).status).toBe(200);
    // The success cleared the account's count: a wrong password is an ordinary 401 again.
    expect((await attempt('lena', 'wrong guess number')).status).toBe(401);
    expect((await attempt('lena', PASSWORD)).status).toBe(200);
  });

  it('limits one address across many names (TRUST_PROXY off: X-Forwarded-For is not believed)', async () => {
    clock.advance(16 * 60_000); // past the window: earlier failures are forgotten
    for (let i = 0; i < 8; i++) expect((await attempt(`ghost${i}`, 'wrong guess number', `10.0.0.${i}`)).status).toBe(401);
    const blocked = await attempt('lena', PASSWORD, '10.9.9.9');
    expect(blocked.status).toBe(429);
    expect(blocked.body.retryAfterSeconds).toBe(2);
  });

  it('audits failed and refused sign-ins without any password', async () => {
    const log = await rows<{ action: string; outcome: string; target: string; detail: string; before: string; after: string }>(
      engine.db,
      "SELECT action, outcome, target, detail, before, after FROM audit_log WHERE action = 'session.sign_in' ORDER BY seq",
    );
    expect(log.filter((e) => e.outcome === 'failed').length).toBeGreaterThanOrEqual(13);
    expect(log.filter((e) => e.outcome === 'refused').length).toBeGreaterThanOrEqual(4);
    expect(log.filter((e) => e.outcome === 'ok').length).toBe(2);
    // Attempts on unknown names keep no name (it may be a password typed in the wrong field).
    expect(log.filter((e) => e.target.startsWith('ghost'))).toEqual([]);
    expect(log.filter((e) => e.target === '(unknown user)').length).toBe(8);
    const text = JSON.stringify(log);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('wrong guess number');
  });
});
