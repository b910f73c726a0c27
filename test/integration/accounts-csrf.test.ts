import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsers } from '../../server/auth/users.ts';
import { rows } from '../../server/db/query.ts';
import { tokenFetch } from '../helpers/auth.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { addUser, cookieFetch, serveWithClock, signIn, testClock, type SignedIn } from '../helpers/session.ts';

const PASSWORD = 'admin passphrase here';
let engine: TestEngine;
let api: Awaited<ReturnType<typeof serveWithClock>>;
let s: SignedIn;

beforeAll(async () => {
  engine = await freshEngine();
  api = await serveWithClock(engine, testClock());
  await addUser(engine, 'ada', 'admin', PASSWORD);
  s = await signIn(api.base, 'ada', PASSWORD);
});
afterAll(async () => {
  await api?.close();
  await engine?.cleanup();
});

const userNames = async () => (await listUsers(engine.db)).map((u) => u.name);

describe('CSRF: state-changing requests of a session carry X-CSRF-Token', () => {
  it('refuses a cross-site HTML form post carrying the cookie, and creates nothing', async () => {
    const before = await userNames();
    const res = await cookieFetch(s.cookie)(`${api.base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'name=mallory&role=admin&password=mallory%20owns%20this',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'missing or wrong CSRF token', code: 'csrf' });
    expect(await userNames()).toEqual(before);
  });

  it('refuses a text/plain post carrying the cookie (a JSON-looking body), and creates nothing', async () => {
    const before = await userNames();
    const res = await cookieFetch(s.cookie)(`${api.base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'mallory', role: 'admin', password: 'mallory owns this' }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('csrf');
    expect(await userNames()).toEqual(before);
  });

  it('refuses a wrong token and a sign-out without one (the session stays)', async () => {
    const wrong = await cookieFetch(s.cookie, 'x'.repeat(43))(`${api.base}/api/users/ada`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(wrong.status).toBe(403);
    expect((await cookieFetch(s.cookie)(`${api.base}/api/session`, { method: 'DELETE' })).status).toBe(403);
    expect((await cookieFetch(s.cookie)(`${api.base}/api/session`)).status).toBe(200);
    expect((await listUsers(engine.db)).find((u) => u.name === 'ada')?.role).toBe('admin');
  });

  it('audits the refusals', async () => {
    const refused = await rows<{ actor: string; detail: string }>(
      engine.db,
      "SELECT actor, detail FROM audit_log WHERE action = 'request.refused' ORDER BY seq",
    );
    expect(refused.length).toBeGreaterThanOrEqual(4);
    expect(refused.every((r) => r.actor === 'ada' && JSON.parse(r.detail).reason === 'csrf')).toBe(true);
  });

  it('accepts the same request with the session’s token', async () => {
    const res = await cookieFetch(s.cookie, s.me.csrfToken ?? '')(`${api.base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bert', role: 'analyst', password: 'bert likes long words' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: 'bert', role: 'analyst', disabled: false, passwordSetBy: 'person', lastSignInAt: null });
    expect(await userNames()).toContain('bert');
  });

  it('lets a browser that still holds a session sign in again without the token (the password proves it)', async () => {
    const res = await cookieFetch(s.cookie)(`${api.base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'ada', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^pld_session=[^;]+; Max-Age=/);
    const form = await cookieFetch(s.cookie)(`${api.base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `user=ada&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(form.status).toBe(400); // a form post signs nobody in
  });

  it('needs no CSRF token from an API token', async () => {
    const { fetch: bearer } = await tokenFetch(engine.db, 'admin', 'ci');
    const res = await bearer(`${api.base}/api/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bi-tool', role: 'viewer' }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).token).toMatch(/^pld_/);
    const me = await (await bearer(`${api.base}/api/session`)).json();
    expect(me).toMatchObject({ user: 'ci', role: 'admin', kind: 'token', csrfToken: null });
  });
});
