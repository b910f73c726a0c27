import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { daysBetween } from '../../server/days.ts';
import { resumePendingRules, rulesRecompute } from '../../server/lifecycle/rulesRecompute.ts';
import { refreshDirtyStages, writeStageDays } from '../../server/lifecycle/snapshots.ts';
import { draftRef, playerStageSql } from '../../server/queries/stages/playerStageSql.ts';
import { silentLogger } from '../../server/log.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { session, writeNdjson } from '../helpers/files.ts';
import { AS_OF, loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';
import { holdStageWrites, recomputeDone } from '../helpers/rulesRecompute.ts';

/**
 * One stage of a player on a day for every page while a saved version is being
 * applied. On the fixture of test/helpers/lifecycleFixture.ts, idle 30 days
 * before decline (and lapsed at 45) moves C (idle 11) from decline to stable
 * on 03-31 and nobody else (test/integration/settings.test.ts works it out).
 * Overview counts come from the stored snapshots, the value page's stage
 * counts and the player profile from the live player_stage view.
 */
const BEFORE = { exploration: 2, growth: 3, stable: 1, decline: 5 };
const AFTER = { exploration: 2, growth: 3, stable: 2, decline: 4 };

let rig: ApiRig;
beforeAll(async () => {
  rig = await startApi(loadLifecycleFixture);
});
afterAll(() => rig?.close());

const overviewCounts = async () => Object.fromEntries((await rig.get('/api/overview')).body.stages.counts.map((c: any) => [c.stage, c.players]));
const liveCounts = async () => Object.fromEntries((await rig.get(`/api/value?asOf=${AS_OF}`)).body.stageScores.map((s: any) => [s.stage, s.players]));
const profileStage = async (id: string) => (await rig.get(`/api/players/${id}`)).body.now.stage;
/** Every page's view of 03-31 at once. */
const pages = async () => ({ overview: await overviewCounts(), value: await liveCounts(), c: await profileStage('C') });
/** The stage counts of a version's rules evaluated directly on the rollup (the settings preview's SQL), with no snapshot involved. */
const direct = async (version: number) => {
  const { rules } = (await rig.get(`/api/settings/lifecycle/versions/${version}`)).body;
  const counts = await rows<{ stage: string; n: number }>(rig.engine.db, `SELECT stage, count() AS n FROM (${playerStageSql(draftRef)}) GROUP BY stage`, {
    ...rules,
    as_of: AS_OF,
  });
  return Object.fromEntries(counts.map((r) => [r.stage, Number(r.n)]));
};

describe('a stage-rules version being applied', () => {
  it('leaves every page on the previous version until its recompute is done, then switches them all', async () => {
    const defaults = (await rig.get('/api/settings/lifecycle')).body.active.rules;
    expect(await pages()).toEqual({ overview: BEFORE, value: BEFORE, c: 'decline' });

    // The snapshot writers' lock held (as by a long ingest refresh): the recompute waits at a known point.
    const release = await holdStageWrites(rig.engine.db);

    const saved = await rig.post('/api/settings/lifecycle', { rules: { ...defaults, decline_idle_days: '30', lapsed_idle_days: '45' }, author: 'ana' });
    expect([saved.status, saved.body.version, saved.body.recompute.state, saved.body.recompute.inForce]).toEqual([202, 2, 'running', 1]);
    const progress = async () => (await rig.get('/api/settings/lifecycle/recompute')).body;
    await expect.poll(async () => (await progress()).daysTotal, { timeout: 10_000 }).toBe(90);
    expect(await progress()).toMatchObject({ state: 'running', version: 2, inForce: 1, percent: 0, daysDone: 0, daysTotal: 90 });
    const again = await rig.post('/api/settings/lifecycle', { rules: defaults, author: 'li' });
    expect([again.status, again.body.error]).toEqual([409, expect.stringMatching(/^version 2 of the stage rules is still being applied/)]);

    // Rows of the pending version for the last month (03-31 included), written as its recompute writes them: nobody sees them.
    const pending = (await rig.get('/api/settings/lifecycle/versions/2')).body;
    await writeStageDays(rig.engine.db, daysBetween('2026-03-01', AS_OF), { version: 2, rules: pending.rules, replace: false });
    expect(await pages()).toEqual({ overview: BEFORE, value: BEFORE, c: 'decline' });
    const settings = (await rig.get('/api/settings/lifecycle')).body;
    expect([settings.active.version, settings.versions[0].version, settings.versions[0].state]).toEqual([1, 2, 'pending']);

    await release();
    expect(await recomputeDone(rig.get)).toMatchObject({ state: 'done', version: 2, inForce: 2, percent: 100, daysDone: 90, daysTotal: 90 });
    expect(await direct(2)).toEqual(AFTER);
    expect(await pages()).toEqual({ overview: AFTER, value: AFTER, c: 'stable' });
    expect(await direct(1)).toEqual(BEFORE);

    // Published: the older computations of every day go (the delete is not waited for), one per day remains, under version 2.
    const left = () =>
      rows<{ versions: string; days: number; computations: number }>(
        rig.engine.db,
        `SELECT toString(groupUniqArray(config_version)) AS versions, uniqExact(day) AS days, uniqExact(day, computed_at) AS computations FROM player_stage_daily`,
      );
    const until = Date.now() + 30_000;
    while ((await left())[0].versions !== '[2]' && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(await left()).toEqual([{ versions: '[2]', days: 90, computations: 90 }]);
  });

  it('applies a version left pending by a stop again at the next start', async () => {
    const job = rulesRecompute(rig.engine.db);
    const saved = await rig.post('/api/settings/lifecycle/versions/1/restore', { author: 'li' });
    expect([saved.status, saved.body.version]).toEqual([202, 3]);
    await job.stop(); // as a server stop mid-recompute does: version 3 stays pending, version 2 in force
    expect(await pages()).toEqual({ overview: AFTER, value: AFTER, c: 'stable' });
    expect(await resumePendingRules(rig.engine.db, silentLogger)).toBe(3);
    expect(await recomputeDone(rig.get)).toMatchObject({ state: 'done', version: 3, inForce: 3 });
    expect(await pages()).toEqual({ overview: BEFORE, value: BEFORE, c: 'decline' });
    expect(await resumePendingRules(rig.engine.db, silentLogger)).toBe(null);
  });

  it('lets the stage refresh of an ingest that arrives meanwhile wait, then refresh its days under the new version', async () => {
    const defaults = (await rig.get('/api/settings/lifecycle')).body.active.rules;
    const release = await holdStageWrites(rig.engine.db);
    const saved = await rig.post('/api/settings/lifecycle', { rules: { ...defaults, decline_idle_days: '30', lapsed_idle_days: '45' }, author: 'ana' });
    expect([saved.status, saved.body.version]).toEqual([202, 4]);
    // D (idle 39) plays again on 03-31: loaded now, its stage refresh queued behind the recompute.
    const late = writeNdjson(path.join(rig.engine.dir, 'late'), 'sessions_late.ndjson', [session('late-d', 'D', `${AS_OF}T18:00:00Z`)]);
    expect((await rig.engine.ingester.run({ paths: [late], source: 'cli' })).rowsLoaded).toBe(1);
    const refresh = refreshDirtyStages(rig.engine.db);
    // Snapshots wait for both (the live view already reads D's new day: the lag of any ingest until its refresh).
    expect(await overviewCounts()).toEqual(BEFORE);
    expect(await profileStage('C')).toBe('decline');
    await release();
    expect(await recomputeDone(rig.get)).toMatchObject({ state: 'done', version: 4, inForce: 4 });
    expect(await refresh).toBe(1);
    // Under version 4, C (idle 11) and D (idle 0 now, nothing in P) are stable.
    const after = { exploration: 2, growth: 3, stable: 3, decline: 3 };
    expect(await direct(4)).toEqual(after);
    expect(await pages()).toEqual({ overview: after, value: after, c: 'stable' });
    const versions = await rows<{ v: number }>(
      rig.engine.db,
      `SELECT DISTINCT config_version AS v FROM player_stage_daily WHERE day = {d:Date} AND computed_at = (SELECT max(computed_at) FROM player_stage_daily WHERE day = {d:Date})`,
      { d: AS_OF },
    );
    expect(versions.map((r) => Number(r.v))).toEqual([4]);
  });
});
