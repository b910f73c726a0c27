import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../server/app.ts';
import { rulesRecompute } from '../../server/lifecycle/rulesRecompute.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { simulateGame } from '../../server/sim/simulate.ts';
import { ensureWebBuild, WEB_DIST } from '../../server/webBuild.ts';
import { comradesSettled } from '../../server/winback/comradesRefresh.ts';
import { listen, stopListening } from './api.ts';
import { tokenFetch } from './auth.ts';
import { freshEngine, type TestEngine } from './engine.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`CI must run the browser tests, but ${CHROMIUM} is missing (.ci/run installs Debian's chromium)`);
if (!haveChromium) console.warn(`skipping the browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

/** Headless Chromium whose pages are signed in as an admin (by API token; the sign-in page has tests of its own). */
export interface SignedBrowser {
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** The browser itself, for pages that sign in on their own. */
  raw: Browser;
}

export interface BrowserRig {
  engine: TestEngine;
  base: string;
  browser: SignedBrowser;
  /** fetch with the admin API token of the rig. */
  fetch: typeof fetch;
  close(): Promise<void>;
}

/** A small simulated game on a fresh engine (configured by `env`), the built dashboard served from it, and headless Chromium. */
export async function startRig(seed: number, env: Record<string, string> = {}): Promise<BrowserRig> {
  await ensureWebBuild(() => {});
  const engine = await freshEngine(env);
  let server: Server | undefined;
  try {
    const inbox = path.join(engine.dir, 'inbox');
    await simulateGame({
      seed,
      players: 3000,
      days: 45,
      servers: 8,
      endDay: '2026-03-31',
      out: inbox,
      format: 'ndjson',
      gzip: false,
      malformedRows: 20,
      filesEvery: 15,
    });
    await runIngestAndRefresh(engine, { paths: [inbox], source: 'cli' });
    const { token, fetch: signed } = await tokenFetch(engine.db);
    const listening = await listen(createApp(engine, WEB_DIST));
    server = listening;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    return {
      engine,
      browser: { raw: browser, newPage: (options) => browser.newPage({ ...options, extraHTTPHeaders: { authorization: `Bearer ${token}` } }) },
      fetch: signed,
      base: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`,
      async close() {
        await browser.close();
        await stopListening(listening);
        // A stage-rules recompute or comrade refresh a test started ends before the engine it writes to closes.
        await rulesRecompute(engine.db).stop();
        await comradesSettled(engine.db);
        await engine.cleanup();
      },
    };
  } catch (err) {
    // A failed start leaves no server, engine or data directory behind.
    if (server) await stopListening(server);
    await engine.cleanup();
    throw err;
  }
}

/** Starts a rig before the file's tests (when Chromium is there) and closes it after them; `ready` receives it. */
export function useRig(seed: number, ready: (rig: BrowserRig) => void): void {
  let rig: BrowserRig | undefined;
  beforeAll(async () => {
    if (!haveChromium) return;
    rig = await startRig(seed);
    ready(rig);
  });
  afterAll(() => rig?.close());
}
