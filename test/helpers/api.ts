import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.ts';
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
  get(path: string): Promise<Answer>;
  post(path: string, body?: object): Promise<Answer>;
  close(): Promise<void>;
}

/** A fresh engine loaded by `setup`, and the API listening on a free loopback port. */
export async function startApi(setup: (engine: TestEngine) => Promise<void>, env: Record<string, string> = {}): Promise<ApiRig> {
  const engine = await freshEngine(env);
  await setup(engine);
  const server: Server = createApp(engine).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const answer = async (res: Response): Promise<Answer> => {
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, cache: res.headers.get('x-cache'), body: type.includes('json') ? await res.json() : await res.text() };
  };
  return {
    engine,
    base,
    get: async (path) => answer(await fetch(`${base}${path}`)),
    post: async (path, body) =>
      answer(await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) })),
    async close() {
      server.close();
      await engine.cleanup();
    },
  };
}
