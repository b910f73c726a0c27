// `npm start` as a newcomer runs it, for the benchmarks that measure the whole product: start, wait, stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Preparation } from '../../contract/preparing.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
export const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

export interface Started {
  child: ChildProcess;
  output: () => string;
  t0: number;
  url: string;
}

export function npmStart(dataDir: string, port: number, players: string): Started {
  const t0 = performance.now();
  // Its own process group, so the stop reaches npm's children (tsx, node) too.
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DEMO: 'auto', DEMO_PLAYERS: players, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out, t0, url: `http://127.0.0.1:${port}` };
}

export async function untilPortAnswers(s: Started): Promise<string> {
  for (;;) {
    if (s.child.exitCode !== null) throw new Error(`npm start exited with ${s.child.exitCode}:\n${s.output()}`);
    try {
      if ((await fetch(`${s.url}/api/health`, { signal: AbortSignal.timeout(1000) })).ok) return seconds(s.t0);
    } catch {}
    await sleep(100);
  }
}

export async function untilReady(s: Started, dataDir: string): Promise<string> {
  const token = readFileSync(path.join(dataDir, 'local-admin.token'), 'utf8').trim();
  for (;;) {
    const prep = (await (await fetch(`${s.url}/api/preparing`, { headers: { authorization: `Bearer ${token}` } })).json()) as Preparation;
    if (prep.state !== 'preparing') {
      if (prep.state !== 'ready') throw new Error(`the preparation ended as ${prep.state}`);
      return seconds(s.t0);
    }
    await sleep(500);
  }
}

export async function stop(s: Started): Promise<void> {
  const exited = new Promise((ok) => s.child.once('exit', ok));
  process.kill(-(s.child.pid as number), 'SIGTERM');
  await exited;
}
