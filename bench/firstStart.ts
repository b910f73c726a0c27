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
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../test/helpers/child.ts';
import { npmStart, sleep, stop, untilPortAnswers, untilReady } from './lib/npmStart.ts';

const { values } = parseArgs({ options: { players: { type: 'string', default: '50000' }, keep: { type: 'boolean', default: false } } });

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-first-start-'));
const dataDir = path.join(dir, 'data');
try {
  console.log(
    `first start: npm start, DATA_DIR=${dataDir} (new), DEMO_PLAYERS=${values.players}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`,
  );
  const first = npmStart(dataDir, await freePort(), values.players);
  const portOpen = await untilPortAnswers(first);
  console.log(`  port answers:    ${portOpen} s`);
  const ready = await untilReady(first, dataDir);
  console.log(`  dashboard ready: ${ready} s`);
  await sleep(200);
  const phases = /demo ready in [^"]*/.exec(first.output())?.[0] ?? '(no phase line)';
  console.log(`  server: ${phases}`);
  console.log(`  vite build: ${first.output().includes('building the dashboard') ? 'ran' : 'skipped (web/dist current)'}`);
  await stop(first);

  const second = npmStart(dataDir, await freePort(), values.players);
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
