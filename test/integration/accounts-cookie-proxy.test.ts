import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { addUser, cookieFetch, serveWithClock, signIn, testClock } from '../helpers/session.ts';

const PASSWORD = 'behind the proxy';
let engine: TestEngine;
let api: Awaited<ReturnType<typeof serveWithClock>>;

beforeAll(async () => {
  engine = await freshEngine({ TRUST_PROXY: 'loopback' });
  api = await serveWithClock(engine, testClock());
  await addUser(engine, 'tess', 'viewer', PASSWORD);
});
afterAll(async () => {
  await api?.close();
  await engine?.cleanup();
});

describe('session cookie behind a proxy that says the request came over HTTPS', () => {
  it('is __Host-pld_session with Secure, HttpOnly, SameSite=Strict, Path=/ and no Domain', async () => {
    const s = await signIn(api.base, 'tess', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(s.status).toBe(200);
    expect(s.cookie).toMatch(/^__Host-pld_session=/);
    for (const flag of [/; Secure/, /; HttpOnly/, /; SameSite=Strict/, /; Path=\//]) expect(s.setCookie).toMatch(flag);
    expect(s.setCookie).not.toMatch(/Domain=/i);
    const me = await cookieFetch(s.cookie)(`${api.base}/api/session`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(me.status).toBe(200);
  });

  it('is the plain pld_session without Secure when the proxy says HTTP', async () => {
    const s = await signIn(api.base, 'tess', PASSWORD);
    expect(s.cookie).toMatch(/^pld_session=/);
    expect(s.setCookie).not.toMatch(/Secure/);
  });
});
