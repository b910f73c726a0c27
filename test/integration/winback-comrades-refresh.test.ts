import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { erasePlayers } from '../../server/erasure/erase.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { refreshDirtyStages } from '../../server/lifecycle/snapshots.ts';
import { snapshotStages } from '../../server/lifecycle/snapshots.ts';
import { computeComradePairs } from '../../server/winback/comrades.ts';
import { refreshComrades } from '../../server/winback/comradesRefresh.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import type { TestEngine } from '../helpers/engine.ts';
import { session, writeNdjson } from '../helpers/files.ts';

/**
 * The comrade pairs stored by the refresh after an ingest. A game on one
 * server as of 2026-03-31 (R = 03-18..03-31), one session at 12:00Z a day:
 *
 * | player | days                                  | as of 03-31          |
 * |--------|---------------------------------------|----------------------|
 * | L1     | 01-01, 02-01, 02-10, 02-20            | lapsed               |
 * | L2     | 01-01, 02-10, 02-25                   | lapsed               |
 * | A1     | 01-01, 02-01, 02-10, 03-30, 03-31     | active (2 days in R) |
 * | A2     | 01-01, 02-10, 02-20, 02-25, 03-31     | active (1)           |
 * | A3     | 01-01, 02-25, 03-29, 03-30, 03-31     | active (3)           |
 *
 * L1 shares 02-01, 02-10 with A1 (2), 02-10, 02-20 with A2 (2): A1 first on
 * the tie (2 active days in R against 1), then A2. L2 shares 02-10, 02-25 with
 * A2 (2), 02-10 with A1 (1), 02-25 with A3 (1): A2, then A3 (3 in R), then A1.
 * The second load adds A3 on 02-20 (same last day): A3 shares it with L1 and
 * becomes L1's third comrade.
 */
const GAME: Record<string, string[]> = {
  L1: ['2026-01-01', '2026-02-01', '2026-02-10', '2026-02-20'],
  L2: ['2026-01-01', '2026-02-10', '2026-02-25'],
  A1: ['2026-01-01', '2026-02-01', '2026-02-10', '2026-03-30', '2026-03-31'],
  A2: ['2026-01-01', '2026-02-10', '2026-02-20', '2026-02-25', '2026-03-31'],
  A3: ['2026-01-01', '2026-02-25', '2026-03-29', '2026-03-30', '2026-03-31'],
};

const sessionsOf = (players: Record<string, string[]>) =>
  Object.entries(players).flatMap(([p, days]) => days.map((d) => session(`s-${p}-${d}`, p, `${d}T12:00:00Z`, { server_id: 's01' })));

/** Data in, stages refreshed, but no comrade refresh: as after a load that did not go through the ingest's refresh. */
async function loadWithoutComrades(engine: TestEngine, name: string, players: Record<string, string[]>): Promise<void> {
  const dir = path.join(engine.dir, name);
  writeNdjson(dir, `sessions_${name}.ndjson`, sessionsOf(players));
  await engine.ingester.run({ paths: [dir], source: 'cli' });
  await refreshDirtyStages(engine.db);
}

const brief = (pairs: { lapsedId: string; comradeId: string; sharedDays: number | null; rank: number }[]) =>
  pairs.map((p) => [p.lapsedId, p.comradeId, p.sharedDays, p.rank]);

const FIRST = [
  ['L1', 'A1', 2, 1],
  ['L1', 'A2', 2, 2],
  ['L2', 'A2', 2, 1],
  ['L2', 'A3', 1, 2],
  ['L2', 'A1', 1, 3],
];
const SECOND = [
  ['L1', 'A1', 2, 1],
  ['L1', 'A2', 2, 2],
  ['L1', 'A3', 1, 3],
  ['L2', 'A2', 2, 1],
  ['L2', 'A3', 1, 2],
  ['L2', 'A1', 1, 3],
];

const published = (rig: ApiRig) =>
  rows<{ runId: string; asOf: string; pairs: number }>(
    rig.engine.db,
    'SELECT run_id AS runId, as_of AS asOf, pairs FROM comrade_runs ORDER BY published_at DESC',
  );
const storedRuns = async (rig: ApiRig) =>
  (await rows<{ runId: string }>(rig.engine.db, 'SELECT DISTINCT run_id AS runId FROM comrade_pairs ORDER BY runId')).map((r) => r.runId);

describe('comrade pairs before the first refresh', () => {
  let api: ApiRig;
  beforeAll(async () => {
    api = await startApi((engine) => loadWithoutComrades(engine, 'first', GAME));
  });
  afterAll(() => api.close());

  it('says they are being computed instead of waiting, starts the refresh, then answers the stored pairs', async () => {
    const first = await api.get('/api/winback/comrades');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'computing', asOf: '2026-03-31', total: 0, pairs: [] });
    // The refresh it started publishes the pairs; the publication is a data change, so the cached answer goes too.
    let answer = first.body;
    for (let i = 0; i < 120 && answer.state !== 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      answer = (await api.get('/api/winback/comrades')).body;
    }
    expect(answer).toMatchObject({ state: 'ready', asOf: '2026-03-31', total: 5 });
    expect(brief(answer.pairs)).toEqual(FIRST);
  });

  it('count a new stage snapshot of the day (a rules save, the daily re-snapshot) as a change: the previous pairs are shown while they are computed again', async () => {
    const [before] = await published(api);
    await snapshotStages(api.engine.db, '2026-03-31', '2026-03-31');
    const during = await api.get('/api/winback/comrades');
    expect(during.body).toMatchObject({ state: 'computing', asOf: '2026-03-31', total: 5 });
    expect(brief(during.body.pairs)).toEqual(FIRST);
    let answer = during.body;
    for (let i = 0; i < 120 && answer.state !== 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      answer = (await api.get('/api/winback/comrades')).body;
    }
    expect(answer).toMatchObject({ state: 'ready', total: 5 });
    expect((await published(api))[0].runId).not.toBe(before.runId);
  });
});

describe('comrade pairs stored by the refresh after each ingest', () => {
  let api: ApiRig;
  beforeAll(async () => {
    api = await startApi(async (engine) => {
      const dir = path.join(engine.dir, 'game');
      writeNdjson(dir, 'sessions_game.ndjson', sessionsOf(GAME));
      await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
    });
  });
  afterAll(() => api.close());

  it('are stored and published by the ingest, and the route answers from them, equal to a direct computation', async () => {
    const runs = await published(api);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ asOf: '2026-03-31', pairs: 5 });
    expect(await storedRuns(api)).toEqual([runs[0].runId]);
    const r = await api.get('/api/winback/comrades');
    expect(r.body).toMatchObject({ state: 'ready', asOf: '2026-03-31', basis: 'shared_days', total: 5 });
    expect(brief(r.body.pairs)).toEqual(FIRST);
    const direct = await computeComradePairs(api.engine.db, api.engine.cfg, '2026-03-31');
    expect(r.body.pairs.map(({ rewardCost, ...p }: { rewardCost: unknown }) => p)).toEqual(direct.rows);
  });

  it('are replaced at once by the next refresh: readers see the previous complete result until it is published', async () => {
    const [before] = await published(api);
    await loadWithoutComrades(api.engine, 'second', { A3: ['2026-02-20'] });
    const during: unknown[][] = [];
    const refreshed = await refreshComrades(api.engine, async () => {
      // This chunk's rows are written under the new run; they are not published yet.
      expect((await storedRuns(api)).length).toBe(2);
      during.push(brief((await api.get('/api/winback/comrades')).body.pairs));
    });
    expect(refreshed).toMatchObject({ asOf: '2026-03-31', basis: 'shared_days', lapsed: 2 });
    expect(during).toEqual([FIRST]);
    const runs = await published(api);
    expect(runs[0].runId).not.toBe(before.runId);
    expect(await storedRuns(api)).toEqual([runs[0].runId]);
    const r = await api.get('/api/winback/comrades?asOf=2026-03-31');
    expect(r.body).toMatchObject({ state: 'ready', total: 6 });
    expect(brief(r.body.pairs)).toEqual(SECOND);
  });

  it('lose an erased player’s rows, as lapsed player and as comrade', async () => {
    await erasePlayers(api.engine, ['L2', 'A3'], { who: { actor: 'test', role: 'admin', via: 'cli', ip: '' }, cleanupWaitMs: 0 });
    const left = await rows<{ n: string }>(
      api.engine.db,
      `SELECT count() AS n FROM comrade_pairs WHERE lapsed_id IN ('L2', 'A3') OR comrade_id IN ('L2', 'A3')`,
    );
    expect(Number(left[0].n)).toBe(0);
    const r = await api.get('/api/winback/comrades');
    expect(brief(r.body.pairs)).toEqual([
      ['L1', 'A1', 2, 1],
      ['L1', 'A2', 2, 2],
    ]);
  });
});
