import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageRuns } from '../../server/players/stageRuns.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import type { TestEngine } from '../helpers/engine.ts';
import { session, writeNdjson } from '../helpers/files.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

/**
 * Player search and profiles on the fixture of test/helpers/lifecycleFixture.ts
 * (one 600 s session at 12:00Z per active day, server s01, payments at 13:00Z).
 *
 * D's stage history (first day 01-01, active again on 02-20, then idle):
 * | days          | why                                                              | stage       |
 * |---------------|------------------------------------------------------------------|-------------|
 * | 01-01..01-30  | tenure 0..29: < 14, then < 30 with no paying day and no spend     | exploration |
 * | 01-31..02-19  | tenure 30, idle 30..49 (>= 7)                                    | decline     |
 * | 02-20..02-26  | active 02-20: idle 0..6, 1 active day in R, none in P, no spend  | stable      |
 * | 02-27..03-31  | idle 7 and more                                                  | decline     |
 *
 * Q is loaded afterwards without the stage refresh, so has no stored snapshots yet:
 * 03-01 on s02 (android, organic), 03-02 on s01 (ios, ads). On 03-31: tenure 30, idle 29,
 * decline (idle >= 7), leaving (29 < 30), non-payer; platform and channel of the earliest event that carries one.
 */
async function loadFixtureAndQ(engine: TestEngine): Promise<void> {
  await loadLifecycleFixture(engine);
  const dir = path.join(engine.dir, 'q');
  writeNdjson(dir, 'sessions_q.ndjson', [
    session('s-Q-1', 'Q', '2026-03-01T12:00:00Z', { server_id: 's02', platform: 'android', channel: 'organic' }),
    session('s-Q-2', 'Q', '2026-03-02T12:00:00Z', { server_id: 's01', platform: 'ios', channel: 'ads' }),
  ]);
  await engine.ingester.run({ paths: [dir], source: 'cli' });
}

let rig: ApiRig;
const get = (p: string) => rig.get(p);

beforeAll(async () => {
  rig = await startApi(loadFixtureAndQ);
});
afterAll(() => rig?.close());

describe('players', () => {
  it('finds players by the start of their id', async () => {
    const { body } = await get('/api/players?q=F');
    expect(body.players).toEqual([{ playerId: 'F', firstDay: '2026-01-10', lastDay: '2026-03-31', lifetimeSpend: '120' }]);
    expect((await get('/api/players?q=nobody')).body.players).toEqual([]);
  });

  it("gives a player's lifetime totals and current stage, value tier and features", async () => {
    const { status, body } = await get('/api/players/F');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      playerId: 'F',
      firstDay: '2026-01-10',
      lastDay: '2026-03-31',
      activeDays: 11,
      sessions: 11,
      playtimeS: 6600,
      payingDays: 2,
      lifetimeSpend: '120',
      servers: ['s01'],
      asOf: '2026-03-31',
      now: { stage: 'decline', status: 'leaving', tier: 'whale', tenureDays: 80, idleDays: 0, activeR: 5, activeP: 5, spendR: '20', spendP: '100' },
    });
    expect(body.days).toHaveLength(11);
    expect(body.days.find((d: any) => d.day === '2026-03-10')).toEqual({ day: '2026-03-10', sessions: 1, playtimeS: 600, payments: 1, revenue: '100' });
  });

  it('folds the daily stage snapshots into runs', async () => {
    expect((await get('/api/players/D')).body.stageHistory).toEqual([
      { from: '2026-01-01', to: '2026-01-30', stage: 'exploration' },
      { from: '2026-01-31', to: '2026-02-19', stage: 'decline' },
      { from: '2026-02-20', to: '2026-02-26', stage: 'stable' },
      { from: '2026-02-27', to: '2026-03-31', stage: 'decline' },
    ]);
    expect((await get('/api/players/A')).body.stageHistory).toEqual([{ from: '2026-03-25', to: '2026-03-31', stage: 'exploration' }]);
  });

  it('gives no stage history before the snapshots are written, but the stage now, servers, platform and channel', async () => {
    const { body } = await get('/api/players/Q');
    expect(body).toMatchObject({
      firstDay: '2026-03-01',
      lastDay: '2026-03-02',
      servers: ['s01', 's02'],
      platform: 'android',
      channel: 'organic',
      stageHistory: [],
      now: { stage: 'decline', status: 'leaving', tier: 'non_payer', tenureDays: 30, idleDays: 29 },
    });
  });

  it('lists raw sessions and payments, latest first, paged', async () => {
    const { body } = await get('/api/players/F/events?limit=5');
    expect(body.events.map((e: any) => [e.kind, e.day, e.amount || e.durationS])).toEqual([
      ['session', '2026-03-31', 600],
      ['session', '2026-03-30', 600],
      ['session', '2026-03-29', 600],
      ['payment', '2026-03-28', '20'],
      ['session', '2026-03-28', 600],
    ]);
    const next = await get('/api/players/F/events?limit=5&offset=5');
    expect(next.body.events[0]).toMatchObject({ kind: 'session', day: '2026-03-27' });
  });

  it('answers 404 for an unknown player and 400 for a malformed id', async () => {
    const unknown = await get('/api/players/ZZ');
    expect([unknown.status, unknown.body.error]).toEqual([404, 'no player "ZZ" in the data']);
    const noEvents = await get('/api/players/ZZ/events');
    expect([noEvents.status, noEvents.body.error]).toEqual([404, 'no player "ZZ" in the data']);
    // Past the last page of a known player: an empty page, not a 404 (F has 11 sessions and 2 payments).
    expect((await get('/api/players/F/events?offset=13')).body).toEqual({ limit: 50, offset: 13, events: [] });
    expect((await get('/api/players/a%20b')).status).toBe(400);
    expect((await get('/api/players/F/events?limit=201')).status).toBe(400);
    expect((await get('/api/players')).body.error).toMatch(/q is required/);
  });
});

describe('stageRuns', () => {
  it('starts a new run at a change of stage or a gap in the days, and treats lost as its own stage', () => {
    expect(
      stageRuns([
        { day: '2026-01-01', stage: 'decline', status: 'leaving' },
        { day: '2026-01-02', stage: 'decline', status: 'lapsed' },
        { day: '2026-01-04', stage: 'decline', status: 'lapsed' },
        { day: '2026-01-05', stage: 'decline', status: 'lost' },
      ]),
    ).toEqual([
      { from: '2026-01-01', to: '2026-01-02', stage: 'decline' },
      { from: '2026-01-04', to: '2026-01-04', stage: 'decline' },
      { from: '2026-01-05', to: '2026-01-05', stage: 'lost' },
    ]);
  });
});
