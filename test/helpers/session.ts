import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Me } from '../../contract/auth.ts';
import { createApp } from '../../server/app.ts';
import { type Accounts, createAccounts } from '../../server/auth/accounts.ts';
import { createUser } from '../../server/auth/users.ts';
import { cliWho } from '../../server/audit/audit.ts';
import type { Role } from '../../contract/auth.ts';
import { listen, stopListening } from './api.ts';
import type { TestEngine } from './engine.ts';

/** A clock a test moves by hand. */
export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

export function testClock(start = Date.now()): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** The API on a free loopback port, with accounts running on the given clock. */
export async function serveWithClock(engine: TestEngine, clock: TestClock): Promise<{ base: string; accounts: Accounts; close(): Promise<void> }> {
  const accounts = createAccounts(engine.db, engine.cfg, clock.now);
  const server: Server = await listen(createApp({ ...engine, accounts }));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accounts, close: () => stopListening(server) };
}

export const addUser = (engine: TestEngine, name: string, role: Role, password: string) => createUser({ db: engine.db }, cliWho(), { name, role, password });

export interface SignedIn {
  status: number;
  /** The Set-Cookie header as sent. */
  setCookie: string;
  /** "name=value" to send back. */
  cookie: string;
  me: Me;
}

/** POST /api/session; `headers` e.g. X-Forwarded-Proto. */
export async function signIn(base: string, user: string, password: string, headers: Record<string, string> = {}): Promise<SignedIn> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ user, password }),
  });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { status: res.status, setCookie, cookie: setCookie.split(';')[0], me: (await res.json()) as Me };
}

/** A fetch as the browser of a signed-in user: the cookie always, the CSRF header when `csrf` is given. */
export const cookieFetch =
  (cookie: string, csrf?: string): typeof fetch =>
  (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    if (csrf) headers.set('x-csrf-token', csrf);
    return fetch(input, { ...init, headers });
  };
