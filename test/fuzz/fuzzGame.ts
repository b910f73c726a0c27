import path from 'node:path';
import { expect } from 'vitest';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { simulateGame } from '../../server/sim/simulate.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import type { TestEngine } from '../helpers/engine.ts';

/** The game's last day; its first is DAYS - 1 days before. */
export const LAST_DAY = '2026-03-31';
const DAYS = 21;

/** Ids of things the suite created, so that every path parameter has a real value to stand beside the hostile ones. */
export interface GameIds {
  playerId: string;
  /** The inbox the game was loaded from: ingesting it again is a cheap no-op (its files are archived or in the ledger). */
  inbox: string;
  offerId: string;
  offer: Record<string, unknown>;
  rules: Record<string, unknown>;
  scheduleId: string;
  schedule: Record<string, unknown>;
  runId: string;
  runFile: string;
  launchId: string;
  /** A second user and a spare token, so that no request can disable or revoke the suite's own admin. */
  userName: string;
  userPassword: string;
  spareToken: string;
}

/** A small seeded game loaded through the real ingester; the API on top with an admin token. */
export async function startFuzzGame(progress: (line: string) => void): Promise<{ rig: ApiRig; ids: GameIds }> {
  const t0 = Date.now();
  const step = (what: string) => progress(`${what} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  let inbox = '';
  const rig = await startApi(async (engine: TestEngine) => {
    inbox = path.join(engine.dir, 'inbox');
    await simulateGame({
      seed: 18,
      players: 300,
      days: DAYS,
      servers: 2,
      endDay: LAST_DAY,
      out: inbox,
      format: 'ndjson',
      gzip: false,
      malformedRows: 3,
      filesEvery: 30,
    });
    step('game simulated');
    await runIngestAndRefresh(engine, { paths: [inbox], source: 'cli' });
    step('game loaded');
  });
  const ok = async (method: string, url: string, body?: unknown) => {
    const res = await rig.fetch(`${rig.base}${url}`, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const answer = await res.json();
    expect(res.status, `${method} ${url}: ${JSON.stringify(answer).slice(0, 300)}`).toBeLessThan(300);
    return answer;
  };
  await ok('POST', '/api/models/fit', { asOf: LAST_DAY, unit: 'day' });
  step('models fitted');
  const playerId: string = (await ok('GET', '/api/players?q=p&limit=1')).players[0].playerId;
  const settings = await ok('GET', '/api/settings/lifecycle');
  // The first default offer with an audience in this short game is launched, and stands for every offer id.
  let launched: { offerId: string; launchId: string } | undefined;
  for (const { offerId } of (await ok('GET', '/api/offers')).offers as { offerId: string }[]) {
    const res = await rig.post(`/api/offers/${offerId}/launch`, { author: 'fuzz', asOf: LAST_DAY, seed: 18, webhook: false });
    if (res.status === 200) launched = { offerId, launchId: res.body.launch.launchId };
    if (launched) break;
  }
  if (!launched) throw new Error('no default offer has an audience in the fuzz game');
  const { offerId } = launched;
  const { offer } = await ok('GET', `/api/offers/${offerId}`);
  // Only what the schedule check needs (time zone, period, recipients and top-N default); disabled, so it never fires.
  const schedule = { name: 'Fuzz weekly', cron: '0 8 * * 1', langs: ['en'], sections: ['stage_mix', 'data_health'], enabled: false };
  const scheduleId: string = (await ok('POST', '/api/reports/schedules', schedule)).schedule.scheduleId;
  const run = (await ok('POST', `/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-25', lang: 'en', deliver: false })).runs[0];
  const userPassword = 'fuzz-Correct-Horse-7391';
  await ok('POST', '/api/users', { name: 'fuzz-user', role: 'viewer', password: userPassword });
  await ok('POST', '/api/tokens', { name: 'fuzz-spare', role: 'viewer' });
  step('ids made');
  return {
    rig,
    ids: {
      playerId,
      inbox,
      offerId,
      offer,
      rules: settings.active?.rules ?? {},
      scheduleId,
      schedule,
      runId: run.runId,
      runFile: run.files[0].name,
      launchId: launched.launchId,
      userName: 'fuzz-user',
      userPassword,
      spareToken: 'fuzz-spare',
    },
  };
}
