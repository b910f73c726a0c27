import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARATION_STEPS, type Preparation } from '../../contract/preparing.ts';
import { firstStart, type FirstStart } from '../helpers/firstStart.ts';

/**
 * A first start on a new data directory: the port answers while the demo game
 * is prepared, with its progress; routes that read data refuse with 503
 * `preparing` (sign-in still works); the jobs start once the demo is loaded.
 */
describe('first start with the demo game', () => {
  let start: FirstStart;
  beforeAll(async () => {
    start = await firstStart(1500);
  });
  afterAll(() => start?.stop());

  it('listens at once and shows the preparation, refusing data routes meanwhile', async () => {
    const { running, adminFetch } = start;
    const first = await start.preparing();
    expect(first.state).toBe('preparing');
    expect(first.game).toEqual({ players: 1500, days: 120, servers: 8 });
    expect(first.steps.map((s) => s.step)).toEqual([...PREPARATION_STEPS]);

    const overview = await adminFetch('/api/overview');
    expect(overview.status).toBe(503);
    expect(overview.headers.get('retry-after')).toBe('5');
    expect(await overview.json()).toEqual({
      error: 'the demo game is being prepared; this answers once it is loaded (GET /api/preparing shows the progress)',
      code: 'preparing',
    });
    for (const route of ['/api/meta', '/api/value', '/api/ingest/status', '/api/models']) expect((await adminFetch(route)).status, route).toBe(503);
    // Sign-in, accounts and the liveness answer stay available; health says nothing about half-loaded data.
    expect((await adminFetch('/api/session')).status).toBe(200);
    expect((await adminFetch('/api/users')).status).toBe(200);
    expect(Object.keys(await (await adminFetch('/api/health')).json()).sort()).toEqual(['engine', 'ok', 'version']);
    // Anonymous callers are asked to sign in, as at any time; the one-time link works at once.
    expect((await fetch(`${running.url}/api/overview`)).status).toBe(401);
    expect((await fetch(`${running.url}/api/preparing`)).status).toBe(401);
    const token = new URL(running.signInLink ?? '').searchParams.get('signin');
    const link = await fetch(`${running.url}/api/session/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(link.status).toBe(200);
    expect(start.printed.some((p) => p.includes('First run'))).toBe(true);
    // No job (cron ingest, stage refresh, report catch-up) runs against the half-loaded demo.
    expect(running.deps.jobs?.names()).toEqual([]);
  });

  it('reports each step with its progress and becomes ready by itself', async () => {
    const seen: Preparation[] = [];
    for (let answer = await start.preparing(); ; answer = await start.preparing()) {
      seen.push(answer);
      if (answer.state !== 'preparing') break;
      await new Promise((ok) => setTimeout(ok, 200));
    }
    const last = seen.at(-1)!;
    expect(last.state).toBe('ready');
    for (const s of last.steps) {
      expect(s.status, s.step).toBe('done');
      expect(s.seconds, s.step).toBeGreaterThanOrEqual(0);
    }
    expect(last.steps.find((s) => s.step === 'simulate')).toMatchObject({ done: 120, total: 120 });
    expect(last.steps.find((s) => s.step === 'models')).toMatchObject({ done: 2, total: 2 });
    // While preparing, a running step carried its counts (seen at least once for a step that takes a while: the ingest or the stages).
    const counted = seen.flatMap((p) => p.steps).filter((s) => s.status === 'running' && s.total !== null && s.done !== null && s.done <= s.total);
    expect(counted.length).toBeGreaterThan(0);
    const elapsed = seen.map((p) => p.elapsedSeconds);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));

    // Ready: the data routes answer with the loaded game, the phases' durations are on the console and the jobs run.
    const overview = await start.adminFetch('/api/overview');
    expect(overview.status).toBe(200);
    expect((await overview.json()).kpis.mau).toBeGreaterThan(0);
    expect(start.logged.find((l) => l.startsWith('demo ready in'))).toMatch(
      /^demo ready in \d+\.\d s \(simulate \d+\.\d s, ingest \d+\.\d s, stages \d+\.\d s, models \d+\.\d s, pages \d+\.\d s\)$/,
    );
    await start.running.ready;
    expect(start.running.deps.jobs?.names()).toEqual(expect.arrayContaining(['ingest', 'stages', 'stages-daily', 'models']));
  });
});
