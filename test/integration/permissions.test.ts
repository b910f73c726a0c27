import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../contract/auth.ts';
import { REQUESTS } from '../../contract/requests.ts';
import { createApp } from '../../server/app.ts';
import { allows } from '../../server/auth/roles.ts';
import { exec, rows } from '../../server/db/query.ts';
import type { Logger, LogMethod } from '../../server/log.ts';
import { PERMISSIONS } from '../../server/routes/permissions.ts';
import { tryServer } from '../../scripts/serverClient.ts';
import { listen, stopListening } from '../helpers/api.ts';
import { registeredRoutes } from '../helpers/routes.ts';
import { tokenFetch } from '../helpers/auth.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

/**
 * The role x route matrix, from Express's own router: every registered route
 * has a permission and every permission a route; every route answers every
 * caller as its entry says (anonymous 401, a role too low 403, enough: neither),
 * and trying them all changes no data.
 */

/** Harmless parameter values: ids that name nothing, a file every run has. */
const PARAMS: Record<string, string> = { id: 'no-such-id-0', v: '999999', name: 'no-such-name', file: 'report.html' };
const fill = (path: string) => path.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(PARAMS[p] ?? `no-such-${p}`));

/** A body every write route refuses: the fields they read, with the wrong types. */
const INVALID_BODY = JSON.stringify(
  Object.fromEntries(
    ['asOf', 'unit', 'paths', 'from', 'to', 'day', 'window', 'author', 'name', 'rules', 'players', 'role', 'password', 'user'].map((k) => [k, 17]),
  ),
);

type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', ...ROLES];

let engine: TestEngine;
let app: Express;
let server: Server;
let base: string;
const logged: { message: string; fields: Record<string, unknown> }[] = [];
const fetchOf = new Map<Caller, typeof fetch>();

const keep: LogMethod = (message, fields = {}) => void logged.push({ message, fields });
const log: Logger = Object.assign(keep, { debug: keep, info: keep, warn: keep, error: keep });

/** Rows per data table (accounts and audit tables aside: a refused request may rightly be audited, a token use stamped). */
const dataRows = async () =>
  rows<{ name: string; n: string }>(
    engine.db,
    `SELECT name, toString(total_rows) AS n FROM system.tables
     WHERE database = currentDatabase() AND total_rows IS NOT NULL
       AND NOT match(name, '(token|audit|^users$|auth|sign_?in|login|web_session|user_session)')
     ORDER BY name`,
  );

beforeAll(async () => {
  engine = await freshEngine();
  await loadLifecycleFixture(engine);
  for (const role of ROLES) fetchOf.set(role, (await tokenFetch(engine.db, role)).fetch);
  fetchOf.set('anonymous', fetch);
  app = createApp({ ...engine, log });
  server = await listen(app);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (server) await stopListening(server);
  await engine?.cleanup();
});

describe('permission table against the router', () => {
  it('has an entry for every registered route and a route for every entry', () => {
    const routes = registeredRoutes(app);
    expect(routes.length).toBeGreaterThan(50);
    const table = Object.keys(PERMISSIONS);
    expect(
      routes.filter((r) => !table.includes(r)),
      'routes without a permission',
    ).toEqual([]);
    expect(
      table.filter((k) => !routes.includes(k)),
      'permissions without a route',
    ).toEqual([]);
  });

  it('has the same keys in the request table as in the permission table', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it('answers every route for every caller as its permission says, and changes no data', async () => {
    const before = await dataRows();
    expect(before.length).toBeGreaterThan(10);
    const keys = Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[];
    const wrong: string[] = [];
    for (const key of keys) {
      const needed = PERMISSIONS[key];
      const [method, path] = key.split(' ');
      for (const caller of CALLERS) {
        const init: RequestInit = method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: INVALID_BODY };
        const res = await fetchOf.get(caller)!(`${base}${fill(path)}`, init);
        const body = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : await res.text();
        const role = caller === 'anonymous' ? undefined : caller;
        const want = allows(role, needed) ? 'allowed' : role ? 403 : 401;
        const ok =
          want === 'allowed'
            ? // Reached the route itself: not refused, not a crash, and not the catch-all for a path nothing matched.
              res.status !== 401 && res.status !== 403 && res.status < 500 && !String(body.error ?? '').startsWith('no such endpoint')
            : res.status === want && body.code === (want === 401 ? 'sign_in' : 'forbidden') && (want === 401 || body.needed === needed);
        if (!ok) wrong.push(`${key} as ${caller}: ${res.status} ${JSON.stringify(body).slice(0, 160)} (expected ${want})`);
      }
    }
    console.log(`role x route matrix: ${keys.length} routes x ${CALLERS.length} callers = ${keys.length * CALLERS.length} cells`);
    expect(wrong).toEqual([]);
    expect(await dataRows()).toEqual(before);
  });
});

describe('refusals and errors', () => {
  it('refuses a cross-site-style text/plain POST without credentials: 401, nothing changed', async () => {
    const before = await dataRows();
    const res = await fetch(`${base}/api/reports/schedules`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'from elsewhere', cron: '0 8 * * 1' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'sign in first', code: 'sign_in' });
    expect(await dataRows()).toEqual(before);
  });

  it('answers an oversized body with 413 and a malformed one with 400, with a short reason', async () => {
    const admin = fetchOf.get('admin')!;
    const big = JSON.stringify({ name: 'x'.repeat(120_000) });
    const res = await admin(`${base}/api/reports/schedules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'the request body is larger than 100 kB', code: 'too_large' });

    const bad = await admin(`${base}/api/reports/schedules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": "x",' });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.code).toBe('invalid');
    expect(body.error).toMatch(/^invalid JSON body: /);
    expect(body.error.length).toBeLessThan(100);
    expect(JSON.stringify(body)).not.toMatch(/at JSON\.parse|node_modules|body-parser/);
  });

  it('refuses a body that is not JSON with 400 rather than running the route on its defaults, and changes nothing', async () => {
    const admin = fetchOf.get('admin')!;
    const before = await dataRows();
    for (const [type, body] of [
      ['text/plain', '{"from": "2026-03-01"}'],
      ['application/x-www-form-urlencoded', 'from=2026-03-01'],
      ['application/xml', '<from>2026-03-01</from>'],
    ] as const) {
      const res = await admin(`${base}/api/lifecycle/backfill`, { method: 'POST', headers: { 'content-type': type }, body });
      expect(res.status, type).toBe(400);
      expect(await res.json()).toEqual({ error: 'the request body must be JSON, sent with Content-Type: application/json', code: 'invalid' });
    }
    expect(await dataRows()).toEqual(before);
  });

  it('answers a path with a broken %-escape with 400 and a short reason, not 500', async () => {
    for (const url of ['/api/players/%E0%A4%A', '/api/value/lists/%E0%A4%A', '/api/settings/lifecycle/versions/%zz']) {
      const res = await fetchOf.get('admin')!(`${base}${url}`);
      expect(res.status, url).toBe(400);
      expect(await res.json()).toEqual({ error: 'the URL path holds a malformed %-escape', code: 'invalid' });
    }
  });

  it('gives every answer a request id, keeping a well-formed incoming one', async () => {
    const mine = await fetch(`${base}/api/health`, { headers: { 'x-request-id': 'lb-7f3a-0001' } });
    expect(mine.headers.get('x-request-id')).toBe('lb-7f3a-0001');
    const forged = await fetch(`${base}/api/health`, { headers: { 'x-request-id': 'bad id\twith "quotes"' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await fetch(`${base}/api/overview`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an internal error with 500, a request id and no internal text; the log has the id and the stack', async () => {
    // A table gone under the engine: what a broken disk or a bad migration would look like to a route.
    await exec(engine.db, 'DROP TABLE offer_launches');
    const res = await fetchOf.get('viewer')!(`${base}/api/launches?limit=7`, { headers: { 'x-request-id': 'forced-500-check' } });
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({ error: 'internal error', requestId: 'forced-500-check' });
    expect(res.headers.get('x-request-id')).toBe('forced-500-check');
    const line = logged.find((l) => l.message === 'request failed' && l.fields.requestId === 'forced-500-check');
    expect(line?.fields.error).toMatch(/offer_launches/);
    expect(String(line?.fields.error)).toMatch(/\n\s+at /);
  });
});

describe('GET /api/health', () => {
  it('tells anonymous callers only that it is up, the engine and its version; a token gets the counts', async () => {
    const full = await (await fetchOf.get('viewer')!(`${base}/api/health`)).json();
    expect(full).toMatchObject({ ok: true, engine: 'embedded', players: 11 });
    expect(full.lastIngest).not.toBeNull();
    // Asked right after a full answer: a cached copy must never reach an anonymous caller.
    const anon = await (await fetch(`${base}/api/health`)).json();
    expect(Object.keys(anon).sort()).toEqual(['engine', 'ok', 'version']);
    expect(anon).toEqual({ ok: true, engine: 'embedded', version: full.version });
    // Commands still find a running server through the public answer.
    expect(await tryServer({ ...engine.cfg, host: '127.0.0.1', port: Number(new URL(base).port) })).toBe(true);
  });
});
