import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createApp } from '../../server/app.ts';
import { rulesRecompute } from '../../server/lifecycle/rulesRecompute.ts';
import { comradesSettled } from '../../server/winback/comradesRefresh.ts';
import { tokenFetch } from './auth.ts';
import { freshEngine, type TestEngine } from './engine.ts';

export interface Answer {
  status: number;
  type: string;
  cache: string | null;
  body: any;
}

export interface ApiRig {
  engine: TestEngine;
  base: string;
  /** fetch with the admin API token of the rig. */
  fetch: typeof fetch;
  get(path: string): Promise<Answer>;
  post(path: string, body?: object): Promise<Answer>;
  close(): Promise<void>;
}

/** A fresh engine loaded by `setup`, and the API listening on a free loopback port; requests carry an admin API token. */
export async function startApi(setup: (engine: TestEngine) => Promise<void>, env: Record<string, string> = {}): Promise<ApiRig> {
  const engine = await freshEngine(env);
  let server: Server;
  let signed: typeof fetch;
  try {
    await setup(engine);
    signed = (await tokenFetch(engine.db)).fetch;
    server = await listen(createApp(engine));
  } catch (err) {
    await engine.cleanup(); // a failed start leaves no engine or data directory behind
    throw err;
  }
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const answer = async (res: Response): Promise<Answer> => {
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, cache: res.headers.get('x-cache'), body: type.includes('json') ? await res.json() : await res.text() };
  };
  return {
    engine,
    base,
    fetch: signed,
    get: async (path) => answer(await signed(`${base}${path}`)),
    post: async (path, body) =>
      answer(await signed(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) })),
    async close() {
      await stopListening(server);
      // A stage-rules recompute or comrade refresh a test started ends before the engine it writes to closes.
      await rulesRecompute(engine.db).stop();
      await comradesSettled(engine.db);
      await engine.cleanup();
    },
  };
}

/** Listens on a free loopback port. */
export async function listen(app: Express): Promise<Server> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return server;
}

/** Stops the server and drops its open connections, so nothing outlives the test file. */
export function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
