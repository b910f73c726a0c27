import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../server/db/query.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { stageSourceOn } from '../../server/lifecycle/stageSource.ts';
import { cohortProjectionAnswer } from '../../server/models/cohorts.ts';
import { stageScores } from '../../server/queries/value/stageScores.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { session, writeNdjson } from '../helpers/files.ts';
import { AS_OF, loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

/**
 * Weekly cohort survival, censored at quiet spells not yet seen in full. Weeks
 * from Monday (2026-03-02 is a Monday); sessions at 12:00Z (GAME_TZ UTC).
 * W0 = 03-02..03-08, W1 ..03-15, W2 ..03-22, W3 ..03-29, W4 03-30..04-05, W5 04-06.. (in progress:
 * the last day with data is 04-08, so activity through 04-05 is read, W0..W4 complete).
 *
 * | player | active days                  | active weeks (W5 unread) | first stay ends (2 quiet weeks end it) | last active week (old count, W5 read) |
 * |--------|------------------------------|--------------------------|----------------------------------------|---------------------------------------|
 * | A      | 03-02                        | 0                        | 0                                      | 0                                     |
 * | B      | 03-03, 03-10                 | 0 1                      | 1                                      | 1                                     |
 * | C      | 03-04, 03-17                 | 0 2                      | 2 (one quiet week bridged)             | 2                                     |
 * | D      | 03-05, 03-24                 | 0 3                      | 0 (W1 W2 quiet)                        | 3                                     |
 * | E      | 03-06, 03-11, 03-25          | 0 1 3                    | 3                                      | 3                                     |
 * | F      | 03-07, 03-31                 | 0 4                      | 0                                      | 4                                     |
 * | G      | 03-08, 03-25, 04-07          | 0 3                      | 0                                      | 5                                     |
 * | H      | 03-02, 03-18, 04-01, 04-08   | 0 2 4                    | 4                                      | 5                                     |
 * | I      | 03-09, 03-16                 | cohort 03-09: 0 1        | 1                                      | 1                                     |
 *
 * Cohort 03-02 (8 players), W0..W4 complete, quiet spell 2: W0..W3 reported (a loss at W3 needs W3, W4 quiet).
 *   survivors S_t = stays ending at t or later: S0 8, S1 4 (B C E H), S2 3 (C E H), S3 2 (E H).
 *   The old count (active in week t or later, the week in progress read too) gave 8, 7, 6, 5, 3: every late
 *   return (D, F, G) kept a player "alive" through their gap, and the last weeks could not see such returns.
 * Cohort 03-09 (I), W0..W3 complete: W0..W2 reported: 1, 1, 0.
 */
const COHORT_DAYS: Record<string, string[]> = {
  A: ['2026-03-02'],
  B: ['2026-03-03', '2026-03-10'],
  C: ['2026-03-04', '2026-03-17'],
  D: ['2026-03-05', '2026-03-24'],
  E: ['2026-03-06', '2026-03-11', '2026-03-25'],
  F: ['2026-03-07', '2026-03-31'],
  G: ['2026-03-08', '2026-03-25', '2026-04-07'],
  H: ['2026-03-02', '2026-03-18', '2026-04-01', '2026-04-08'],
  I: ['2026-03-09', '2026-03-16'],
};

async function load(engine: TestEngine, name: string, days: Record<string, string[]>) {
  const dir = path.join(engine.dir, name);
  writeNdjson(
    dir,
    `sessions_${name}.ndjson`,
    Object.entries(days).flatMap(([p, ds]) => ds.map((d) => session(`${name}-${p}-${d}`, p, `${d}T12:00:00Z`))),
  );
  await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
}

describe('cohort survival on a small game', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await freshEngine();
    await load(engine, 'cohorts', COHORT_DAYS);
  }, 120_000);
  afterAll(() => engine?.cleanup());

  it('counts a player gone only after a quiet spell seen in complete weeks', async () => {
    const answer = await cohortProjectionAnswer(engine.db, { grain: 'week', cohorts: 2, horizon: 4, server: '', weekStart: 1 });
    expect(answer).toMatchObject({ grain: 'week', lastDay: '2026-04-08', quietPeriods: 2 });
    expect(answer.cohorts.map((c) => [c.cohort, c.size, c.survivors])).toEqual([
      ['2026-03-02', 8, [8, 4, 3, 2]],
      ['2026-03-09', 1, [1, 1, 0]],
    ]);
    expect(answer.cohorts[0].observed).toEqual([1, 0.5, 0.375, 0.25]);
    expect(answer.cohorts[0].status).toBe('too_few_players');
  });

  it('never changes a reported period when later data arrive', async () => {
    // Later: A comes back on 04-20 (W7, after 6 quiet weeks: still gone at W1), E plays on 04-09 (W5).
    // Last day 04-20: W0..W6 complete, W0..W5 reported. Stay ends: A 0, B 1, C 2, D 0, E 5 (weeks 0 1 3 5,
    // no gap over 2), F 0, G 0 (weeks 0 3 5: W1 W2 quiet), H 5 (weeks 0 2 4 5).
    // S = 8, 4 (B C E H), 3 (C E H), 2 (E H), 2, 2: the first four as before. The old count would have
    // raised W1..W5 for A's return (8, 8, 7, 6, 5, 4).
    await load(engine, 'later', { A: ['2026-04-20'], E: ['2026-04-09'] });
    const answer = await cohortProjectionAnswer(engine.db, { grain: 'week', cohorts: 4, horizon: 4, server: '', weekStart: 1 });
    expect(answer.lastDay).toBe('2026-04-20');
    expect(answer.cohorts.find((c) => c.cohort === '2026-03-02')?.survivors).toEqual([8, 4, 3, 2, 2, 2]);
  });
});

/**
 * Mean P(alive) by stage with one-time players apart. The lifecycle fixture
 * (test/helpers/lifecycleFixture.ts: stages on 03-31 exploration A B, growth
 * G H I, stable J, decline C D E F K) plus two one-day players: L (03-31, new:
 * exploration) and M (03-01 only: 30 days in, idle since, decline). Engagement
 * scores as a run stores them, x = active days - 1 (L and M: 0, so P(alive) = 1):
 *
 * | stage       | players (x, P(alive))                                              | old mean (all)          | one-time | mean of repeat players |
 * |-------------|--------------------------------------------------------------------|-------------------------|----------|------------------------|
 * | decline     | C (1, .2) D (1, .1) E (10, .6) F (10, .5) K (6, .4) M (0, 1)        | 2.8 / 6 = .4667         | 1        | 1.8 / 5 = .36          |
 * | exploration | A (1, .9) B (1, .5) L (0, 1)                                       | 2.4 / 3 = .8            | 1        | 1.4 / 2 = .7           |
 * | growth      | G (10, .9) H (10, .8) I (10, .7)                                   | .8                      | 0        | .8                     |
 * | stable      | J (10, .95)                                                        | .95                     | 0        | .95                    |
 */
const SCORES: Record<string, [number, number]> = {
  A: [1, 0.9],
  B: [1, 0.5],
  C: [1, 0.2],
  D: [1, 0.1],
  E: [10, 0.6],
  F: [10, 0.5],
  G: [10, 0.9],
  H: [10, 0.8],
  I: [10, 0.7],
  J: [10, 0.95],
  K: [6, 0.4],
  L: [0, 1],
  M: [0, 1],
};

describe('mean P(alive) by stage on a small game', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await freshEngine();
    await loadLifecycleFixture(engine);
    await load(engine, 'onetime', { L: ['2026-03-31'], M: ['2026-03-01'] });
    const run = { run_id: 'r1', kind: 'engagement', unit: 'day', as_of: AS_OF, status: 'ok', message: 'converged', params: '{}', details: '{}' };
    await insertRows(engine.db, 'model_runs', [{ ...run, started_at: '2026-04-01 00:00:00.000', finished_at: '2026-04-01 00:00:01.000' }]);
    await insertRows(
      engine.db,
      'player_scores',
      Object.entries(SCORES).map(([player_id, [x, p_alive]]) => ({ run_id: 'r1', kind: 'engagement', as_of: AS_OF, player_id, x, p_alive, risk_tier: 'low' })),
    );
  }, 120_000);
  afterAll(() => engine?.cleanup());

  it('counts one-time players apart and averages over repeat players', async () => {
    const source = await stageSourceOn(engine.db, AS_OF);
    const byStage = Object.fromEntries(
      (await stageScores(engine.db, { asOf: AS_OF, server: '', source })).map((s) => [
        s.stage,
        [Number(s.players), Number(s.scored), Number(s.oneTime), s.meanPAlive],
      ]),
    );
    expect(byStage).toEqual({
      decline: [6, 6, 1, 0.36],
      exploration: [3, 3, 1, 0.7],
      growth: [3, 3, 0, 0.8],
      stable: [1, 1, 0, 0.95],
    });
  });
});
