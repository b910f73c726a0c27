/**
 * First-start benchmark: runs `npm start` on a new data directory (DEMO=auto)
 * and prints the seconds from the command to the port answering and to the
 * demo being ready (GET /api/preparing says `ready`), with the server's own
 * phase durations; then starts it again on the same directory and prints the
 * time to the port and whether the Vite build ran (it must not when web/dist
 * is current). Run it once before to have web/dist current, or read the first
 * start's "vite build" line.
 * Usage: npm run bench:first-start -- [--players 50000] [--keep]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Preparation } from '../contract/preparing.ts';
import { freePort } from '../test/helpers/child.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { players: { type: 'string', default: '50000' }, keep: { type: 'boolean', default: false } } });

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

interface Started {
  child: ChildProcess;
  output: () => string;
  t0: number;
  url: string;
}

function npmStart(dataDir: string, port: number): Started {
  const t0 = performance.now();
  // Its own process group, so the stop reaches npm's children (tsx, node) too.
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DEMO: 'auto', DEMO_PLAYERS: values.players, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out, t0, url: `http://127.0.0.1:${port}` };
}

async function untilPortAnswers(s: Started): Promise<string> {
  for (;;) {
    if (s.child.exitCode !== null) throw new Error(`npm start exited with ${s.child.exitCode}:\n${s.output()}`);
    try {
      if ((await fetch(`${s.url}/api/health`, { signal: AbortSignal.timeout(1000) })).ok) return seconds(s.t0);
    } catch {}
    await sleep(100);
  }
}

async function untilReady(s: Started, dataDir: string): Promise<string> {
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

async function stop(s: Started): Promise<void> {
  const exited = new Promise((ok) => s.child.once('exit', ok));
  process.kill(-(s.child.pid as number), 'SIGTERM');
  await exited;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-first-start-'));
const dataDir = path.join(dir, 'data');
try {
  console.log(
    `first start: npm start, DATA_DIR=${dataDir} (new), DEMO_PLAYERS=${values.players}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`,
  );
  const first = npmStart(dataDir, await freePort());
  const portOpen = await untilPortAnswers(first);
  console.log(`  port answers:    ${portOpen} s`);
  const ready = await untilReady(first, dataDir);
  console.log(`  dashboard ready: ${ready} s`);
  await sleep(200);
  const phases = /demo ready in [^"]*/.exec(first.output())?.[0] ?? '(no phase line)';
  console.log(`  server: ${phases}`);
  console.log(`  vite build: ${first.output().includes('building the dashboard') ? 'ran' : 'skipped (web/dist current)'}`);
  await stop(first);

  const second = npmStart(dataDir, await freePort());
  const again = await untilPortAnswers(second);
  console.log(`second start (same DATA_DIR): port answers and dashboard ready: ${again} s`);
  console.log(`  vite build: ${second.output().includes('building the dashboard') ? 'ran' : 'skipped (web/dist current)'}`);
  await stop(second);
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
