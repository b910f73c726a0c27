import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { type ApiRig, startApi } from '../helpers/api.ts';
import { tokenFetch } from '../helpers/auth.ts';

let rig: ApiRig;
beforeAll(async () => {
  rig = await startApi(async () => {});
});
afterAll(() => rig?.close());

const send = (method: string, path: string, body?: object, as: typeof fetch = rig.fetch) =>
  as(`${rig.base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    body: r.status === 204 ? null : await r.json(),
  }));

describe('users API (admin)', () => {
  it('creates users and lists them without any hash', async () => {
    expect((await send('POST', '/api/users', { name: 'ann', role: 'admin', password: 'ann keeps the keys' })).status).toBe(201);
    expect((await send('POST', '/api/users', { name: 'bob', role: 'viewer', password: 'bob only looks around' })).status).toBe(201);
    const list = await send('GET', '/api/users');
    expect(list.status).toBe(200);
    expect(list.body.users.map((u: { name: string }) => u.name)).toEqual(['ann', 'bob']);
    expect(list.body.users[0]).toEqual({
      name: 'ann',
      role: 'admin',
      disabled: false,
      passwordSetBy: 'person',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      lastSignInAt: null,
    });
    expect(JSON.stringify(list.body)).not.toContain('argon2');
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const cases: [object, number, RegExp][] = [
      [{ name: 'bob', role: 'viewer', password: 'another long one' }, 409, /already exists/],
      [{ name: 'bad name', role: 'viewer', password: 'another long one' }, 400, /name may hold only letters, digits, \. _ -/],
      [{ name: 'cy', role: 'boss', password: 'another long one' }, 400, /role must be one of/],
      [{ name: 'cy', role: 'viewer', password: 'short' }, 400, /at least 12 characters/],
      [{ name: 'cy', role: 'viewer', password: 'password1234' }, 400, /most common passwords/],
    ];
    for (const [body, status, message] of cases) {
      const res = await send('POST', '/api/users', body);
      expect(res.status).toBe(status);
      expect(res.body.error).toMatch(message);
    }
    expect((await send('PUT', '/api/users/nobody', { role: 'viewer' })).status).toBe(404);
    expect((await send('PUT', '/api/users/bob', { disabled: 'yes' })).status).toBe(400);
    expect((await send('GET', '/api/users')).body.users).toHaveLength(2);
  });

  it('keeps at least one enabled admin', async () => {
    const res = await send('PUT', '/api/users/ann', { disabled: true });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('ann is the last enabled admin; make another user admin first');
    expect((await send('PUT', '/api/users/bob', { role: 'admin' })).status).toBe(200);
    expect((await send('PUT', '/api/users/ann', { role: 'operator' })).status).toBe(200);
  });

  it('is refused to a role below admin', async () => {
    const { fetch: operator } = await tokenFetch(rig.engine.db, 'operator');
    const res = await send('GET', '/api/users', undefined, operator);
    expect(res.status).toBe(403);
    expect(res.body.needed).toBe('admin');
  });
});

describe('tokens API (admin)', () => {
  it('creates a token shown once, lists it with its last use, and revokes it', async () => {
    const created = await send('POST', '/api/tokens', { name: 'grafana', role: 'viewer' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    const used = await fetch(`${rig.base}/api/session`, { headers: { authorization: `Bearer ${token}` } });
    expect(await used.json()).toMatchObject({ user: 'grafana', role: 'viewer', kind: 'token' });
    const list = await send('GET', '/api/tokens');
    const row = list.body.tokens.find((t: { name: string }) => t.name === 'grafana');
    expect(row).toMatchObject({ role: 'viewer', revoked: false, createdBy: 'tests-admin' });
    expect(row.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect((await send('DELETE', '/api/tokens/grafana')).body).toMatchObject({ name: 'grafana', revoked: true });
    expect((await fetch(`${rig.base}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await send('DELETE', '/api/tokens/grafana')).status).toBe(404);
  });
});

describe('the audit trail of account changes', () => {
  it('has every change with before and after, and never a password, hash or token', async () => {
    const log = await rows<{ actor: string; via: string; action: string; target: string; before: string; after: string }>(
      rig.engine.db,
      "SELECT actor, via, action, target, before, after FROM audit_log WHERE action LIKE 'user.%' OR action LIKE 'token.%' ORDER BY seq",
    );
    expect(log.map((e) => `${e.action} ${e.target}`)).toEqual([
      'user.create ann',
      'user.create bob',
      'user.update bob',
      'user.update ann',
      'token.create grafana',
      'token.revoke grafana',
    ]);
    expect(log.every((e) => e.actor === 'tests-admin' && e.via === 'token')).toBe(true);
    const roleChange = log.find((e) => e.action === 'user.update' && e.target === 'ann');
    expect(JSON.parse(roleChange?.before ?? '{}').role).toBe('admin');
    expect(JSON.parse(roleChange?.after ?? '{}').role).toBe('operator');
    const text = JSON.stringify(log);
    for (const secret of ['ann keeps the keys', 'bob only looks around', 'argon2', 'pld_']) expect(text).not.toContain(secret);
  });
});
