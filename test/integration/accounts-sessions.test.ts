import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../server/routes/permissions.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { tokenFetch } from '../helpers/auth.ts';
import { addUser, cookieFetch, serveWithClock, signIn, testClock, type TestClock } from '../helpers/session.ts';

const PASSWORD = 'correct horse battery';
const HOUR = 3_600_000;

let engine: TestEngine;
let clock: TestClock;
let api: Awaited<ReturnType<typeof serveWithClock>>;
let admin: typeof fetch;

beforeAll(async () => {
  engine = await freshEngine();
  clock = testClock();
  api = await serveWithClock(engine, clock);
  admin = (await tokenFetch(engine.db)).fetch;
  for (const name of ['vera', 'disa', 'pat', 'rolf']) await addUser(engine, name, 'viewer', PASSWORD);
});
afterAll(async () => {
  await api?.close();
  await engine?.cleanup();
});

const me = (cookie: string) => cookieFetch(cookie)(`${api.base}/api/session`);

describe('sign-in and sign-out', () => {
  it('signs in with a cookie that is HttpOnly, SameSite=Strict, Path=/ and not Secure over plain HTTP', async () => {
    const s = await signIn(api.base, 'vera', PASSWORD);
    expect(s.status).toBe(200);
    expect(s.cookie).toMatch(/^pld_session=[A-Za-z0-9_-]{43}$/);
    expect(s.setCookie).toMatch(/HttpOnly/);
    expect(s.setCookie).toMatch(/SameSite=Strict/);
    expect(s.setCookie).toMatch(/Path=\//);
    expect(s.setCookie).not.toMatch(/Secure/);
    expect(s.me).toMatchObject({ user: 'vera', role: 'viewer', kind: 'session' });
    expect(s.me.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.me.access).toEqual(PERMISSIONS);
    const again = await me(s.cookie);
    expect(again.status).toBe(200);
    expect((await again.json()).csrfToken).toBe(s.me.csrfToken);
  });

  it('ignores X-Forwarded-Proto when TRUST_PROXY is off (the default)', async () => {
    const s = await signIn(api.base, 'vera', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(s.cookie).toMatch(/^pld_session=/);
    expect(s.setCookie).not.toMatch(/Secure/);
  });

  it('gives a new token at every sign-in', async () => {
    const a = await signIn(api.base, 'vera', PASSWORD);
    const b = await signIn(api.base, 'vera', PASSWORD);
    expect(a.cookie).not.toBe(b.cookie);
    expect((await me(a.cookie)).status).toBe(200);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    // Both pay one argon2id verification (an unknown name is checked against a stand-in hash, passwords.ts);
    // their timing is not asserted here: a test that times itself fails on a loaded machine.
    const unknown = await signIn(api.base, 'nobody-here', 'not the password at all');
    const wrong = await signIn(api.base, 'pat', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.me).toEqual(wrong.me);
    expect(wrong.me).toEqual({ error: 'wrong user name or password', code: 'bad_credentials' });
    expect(wrong.setCookie).toBe('');
  });

  it('signs out: the cookie no longer works and the answer says the session has expired', async () => {
    const s = await signIn(api.base, 'vera', PASSWORD);
    const out = await cookieFetch(s.cookie, s.me.csrfToken ?? '')(`${api.base}/api/session`, { method: 'DELETE' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^pld_session=;/);
    const after = await me(s.cookie);
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({ error: 'your session has expired; sign in again', code: 'session_expired' });
  });

  it('tells a request without any credentials to sign in', async () => {
    const res = await fetch(`${api.base}/api/overview`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'sign in first', code: 'sign_in' });
  });
});

describe('expiry with the injected clock', () => {
  it('ends a session idle for SESSION_IDLE_HOURS (8 h)', async () => {
    const s = await signIn(api.base, 'vera', PASSWORD);
    clock.advance(8 * HOUR - 60_000);
    expect((await me(s.cookie)).status).toBe(200); // the request renews the idle time
    clock.advance(8 * HOUR - 60_000);
    expect((await me(s.cookie)).status).toBe(200);
    clock.advance(8 * HOUR);
    const res = await me(s.cookie);
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('session_expired');
  });

  it('ends an active session SESSION_MAX_DAYS (7 days) after sign-in', async () => {
    const s = await signIn(api.base, 'vera', PASSWORD);
    for (let h = 0; h < 7 * 24 - 4; h += 4) {
      clock.advance(4 * HOUR);
      expect((await me(s.cookie)).status).toBe(200);
    }
    clock.advance(4 * HOUR);
    expect((await me(s.cookie)).status).toBe(401);
  });

  it('finds a session again after a restart (memory empty) from the engine', async () => {
    const s = await signIn(api.base, 'vera', PASSWORD);
    const restarted = await serveWithClock(engine, clock);
    try {
      const res = await cookieFetch(s.cookie)(`${restarted.base}/api/session`);
      expect(res.status).toBe(200);
      expect((await res.json()).user).toBe('vera');
    } finally {
      await restarted.close();
    }
  });
});

describe('revocation', () => {
  const change = (path: string, method: string, body: object) =>
    admin(`${api.base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('ends every session of a user who is disabled; a disabled user cannot sign in', async () => {
    const a = await signIn(api.base, 'disa', PASSWORD);
    const b = await signIn(api.base, 'disa', PASSWORD);
    expect((await change('/api/users/disa', 'PUT', { disabled: true })).status).toBe(200);
    expect((await me(a.cookie)).status).toBe(401);
    expect((await me(b.cookie)).status).toBe(401);
    const refused = await signIn(api.base, 'disa', PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.me).toMatchObject({ code: 'disabled' });
  });

  it('ends every session of a user whose password an admin resets', async () => {
    const a = await signIn(api.base, 'pat', PASSWORD);
    expect((await change('/api/users/pat/password', 'POST', { password: 'a brand new passphrase' })).status).toBe(200);
    expect((await me(a.cookie)).status).toBe(401);
    expect((await signIn(api.base, 'pat', PASSWORD)).status).toBe(401);
    expect((await signIn(api.base, 'pat', 'a brand new passphrase')).status).toBe(200);
  });

  it('ends every session when the role changes', async () => {
    const a = await signIn(api.base, 'rolf', PASSWORD);
    const res = await change('/api/users/rolf', 'PUT', { role: 'operator' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'rolf', role: 'operator', disabled: false });
    expect((await me(a.cookie)).status).toBe(401);
    expect((await signIn(api.base, 'rolf', PASSWORD)).me.role).toBe('operator');
  });

  it('changes one’s own password: the other sessions end, this browser gets a new cookie', async () => {
    const a = await signIn(api.base, 'vera', PASSWORD);
    const b = await signIn(api.base, 'vera', PASSWORD);
    const wrong = await cookieFetch(a.cookie, a.me.csrfToken ?? '')(`${api.base}/api/session/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ current: 'not it at all!!', password: 'vera has a new passphrase' }),
    });
    expect(wrong.status).toBe(401);
    const res = await cookieFetch(a.cookie, a.me.csrfToken ?? '')(`${api.base}/api/session/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ current: PASSWORD, password: 'vera has a new passphrase' }),
    });
    expect(res.status).toBe(200);
    const fresh = (res.headers.get('set-cookie') ?? '').split(';')[0];
    expect(fresh).toMatch(/^pld_session=/);
    expect((await me(a.cookie)).status).toBe(401);
    expect((await me(b.cookie)).status).toBe(401);
    expect((await me(fresh)).status).toBe(200);
  });
});
