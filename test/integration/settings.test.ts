import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { AS_OF, loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';
import { recomputeDone } from '../helpers/rulesRecompute.ts';

/**
 * Editable stage rules on the fixture of test/helpers/lifecycleFixture.ts.
 * Draft: decline_idle_days 7 -> 30 (and lapsed_idle_days 30 -> 45, which must stay above it).
 *
 * As of 03-31, only C moves: idle 11 no longer declines it, it has no active day in P
 * (03-04..03-17) and no spend, and 1 active day in R is short of growth: stable.
 * D (idle 39 >= 30), E (2 <= 50% of 8), F and K (spend fell by half or more) stay in decline.
 * | from -> to              | players        | revenue (lifetime)   |
 * |-------------------------|----------------|----------------------|
 * | decline -> decline      | 4 (D E F K)    | 0 + 0 + 120 + 3 = 123 |
 * | decline -> stable       | 1 (C)          | 0                    |
 * | exploration -> same     | 2 (A B)        | 2                    |
 * | growth -> same          | 3 (G H I)      | 30 + 0 + 15 = 45     |
 * | stable -> same          | 1 (J)          | 0                    |
 *
 * Back-test on 03-03 (= 03-31 - 28), players already seen: C D E F G H I J.
 * Active rules: all 8 in decline (D idle 11, the others idle 30 and more). In 03-04..03-31
 * all but D are active again (7); revenue F 120 + G 30 + I 15 = 165, per player 165 / 8 = 20.625.
 * Draft: D (idle 11 < 30; 1 active day in R 02-18..03-03, none in P, no spend) is stable, and
 * inactive afterwards; decline 7, all active again, 165 / 7 = 23.5714.
 * Idle days on 03-03 and back in 03-04..03-31: D 11 (last 02-20), not back; C 30 (last 02-01),
 * back 03-20; E 47 (last 01-15) and F G H I J 52 (last 01-10), all back. With the draft the spans
 * are 7 14 30 45 60 90 180 365 (its lapsed 45 added): 7-13 D 0/1, 30-44 C 1/1, 45-59 six 6/6.
 * With the rules in force alone, 30-59 holds the seven, all back.
 */
let rig: ApiRig;
const call = (method: 'GET' | 'POST', p: string, body?: object) => (method === 'GET' ? rig.get(p) : rig.post(p, body));

beforeAll(async () => {
  rig = await startApi(loadLifecycleFixture);
});
afterAll(() => rig?.close());

let defaults: Record<string, string>;
const draft = () => ({ ...defaults, decline_idle_days: '30', lapsed_idle_days: '45' });
const move = (from: string, to: string, players: number, lifetimeSpend: string) => ({ from, to, players, lifetimeSpend });
/** The stage of every player straight from the player_stage view, as "player:stage". */
const stagesNow = async () =>
  (await rows<{ p: string; s: string }>(rig.engine.db, `SELECT player_id AS p, stage AS s FROM player_stage(as_of = {d:Date}) ORDER BY p`, { d: AS_OF }))
    .map((r) => `${r.p}:${r.s}`)
    .join(' ');
const DEFAULT_STAGES = 'A:exploration B:exploration C:decline D:decline E:decline F:decline G:growth H:growth I:growth J:stable K:decline';
const stageCounts = async () => Object.fromEntries((await call('GET', '/api/overview')).body.stages.counts.map((c: any) => [c.stage, c.players]));

describe('editable stage rules', () => {
  it('shows the active rules (the DESIGN defaults, version 1) and their definitions', async () => {
    const { body } = await call('GET', '/api/settings/lifecycle');
    defaults = body.active.rules;
    expect(body.active).toMatchObject({ version: 1, author: 'system', restoredFrom: 0 });
    expect(defaults).toMatchObject({
      window_days: '14',
      decline_idle_days: '7',
      decline_active_ratio: '0.5',
      explore_spend_cap: '10',
      whale_percentile: '0.98',
    });
    expect(body.thresholds).toHaveLength(16);
    expect(body.versions.map((v: any) => v.version)).toEqual([1]);
  });

  it('previews the players and revenue a draft would move between stages', async () => {
    const { status, body } = await call('POST', '/api/settings/lifecycle/preview', { rules: draft() });
    expect([status, body.asOf, body.valid]).toEqual([200, '2026-03-31', true]);
    expect(body.moves).toEqual([
      move('decline', 'decline', 4, '123'),
      move('decline', 'stable', 1, '0'),
      move('exploration', 'exploration', 2, '2'),
      move('growth', 'growth', 3, '45'),
      move('stable', 'stable', 1, '0'),
    ]);
  });

  it('refuses impossible or overlapping rules with a message per field', async () => {
    const { body } = await call('POST', '/api/settings/lifecycle/preview', {
      rules: { ...defaults, decline_idle_days: '30', growth_min_recent_active: '20', decline_spend_ratio: 'half' },
    });
    expect(body.valid).toBe(false);
    expect(body.errors.map((e: any) => e.field).sort()).toEqual(['decline_spend_ratio', 'growth_min_recent_active', 'lapsed_idle_days']);
    expect(body.errors.find((e: any) => e.field === 'growth_min_recent_active')).toEqual({
      field: 'growth_min_recent_active',
      code: 'days_in_window',
      vars: { days: 20, window: 14 },
      message: 'at least 20 active days in a 14-day window is impossible',
    });
    const save = await call('POST', '/api/settings/lifecycle', { rules: { ...defaults, window_days: '0' }, author: 'ana' });
    expect([save.status, save.body.error]).toEqual([400, 'the rules are not valid: window_days must be between 1 and 90, got 0']);
  });

  it('back-tests the active rules and a draft on the day 28 days before the last', async () => {
    const { status, body } = await call('POST', '/api/settings/lifecycle/backtest', { rules: draft() });
    expect(status).toBe(200);
    expect([body.day, body.through]).toEqual(['2026-03-03', '2026-03-31']);
    expect(body.active).toEqual([
      { stage: 'decline', players: 8, stillActive: 7, lapsed: 1, stillActiveShare: 0.875, lapsedShare: 0.125, revenuePerPlayer: '20.625' },
    ]);
    expect(body.draft).toEqual([
      { stage: 'decline', players: 7, stillActive: 7, lapsed: 0, stillActiveShare: 1, lapsedShare: 0, revenuePerPlayer: '23.5714' },
      { stage: 'stable', players: 1, stillActive: 0, lapsed: 1, stillActiveShare: 0, lapsedShare: 1, revenuePerPlayer: '0' },
    ]);
    const span = (fromIdleDays: number, toIdleDays: number | null, players: number, returned: number) => ({
      fromIdleDays,
      toIdleDays,
      players,
      returned,
      returnedShare: returned / players,
    });
    expect(body.idleReturns).toEqual([span(7, 14, 1, 0), span(30, 45, 1, 1), span(45, 60, 6, 6)]);
    const inForce = await call('POST', '/api/settings/lifecycle/backtest', {});
    expect(inForce.body.idleReturns).toEqual([span(7, 14, 1, 0), span(30, 60, 7, 7)]);
    const late = await call('POST', '/api/settings/lifecycle/backtest', { day: '2026-03-20' });
    expect([late.status, late.body.error]).toEqual([400, expect.stringMatching(/needs data through 2026-04-17; the last day with data is 2026-03-31/)]);
  });

  it('saves a version that the stage views then use, and restores an earlier one', async () => {
    expect(await stagesNow()).toBe(DEFAULT_STAGES);
    expect(await stageCounts()).toEqual({ exploration: 2, growth: 3, stable: 1, decline: 5 });
    const saved = await call('POST', '/api/settings/lifecycle', { rules: draft(), author: 'ana', note: 'idle 30 days before decline' });
    expect(saved.status).toBe(202);
    expect(saved.body.version).toBe(2);
    expect(saved.body.recompute).toMatchObject({ state: 'running', version: 2, inForce: 1 });
    expect(await recomputeDone(rig.get)).toMatchObject({ state: 'done', version: 2, inForce: 2, percent: 100, daysDone: 90, daysTotal: 90, error: null });
    expect(await stagesNow()).toBe(DEFAULT_STAGES.replace('C:decline', 'C:stable'));
    expect(await stageCounts()).toEqual({ exploration: 2, growth: 3, stable: 2, decline: 4 });
    const c = (await call('GET', '/api/players/C')).body.now;
    expect(c.stage).toBe('stable');

    const restored = await call('POST', '/api/settings/lifecycle/versions/1/restore', { author: 'li' });
    expect([restored.status, restored.body.version]).toEqual([202, 3]);
    expect(await recomputeDone(rig.get)).toMatchObject({ state: 'done', version: 3, inForce: 3 });
    expect(await stagesNow()).toBe(DEFAULT_STAGES);
    expect(await stageCounts()).toEqual({ exploration: 2, growth: 3, stable: 1, decline: 5 });
    const { body } = await call('GET', '/api/settings/lifecycle');
    expect(body.versions.map((v: any) => [v.version, v.author, v.note, v.restoredFrom, v.state])).toEqual([
      [3, 'li', 'restored version 1', 1, 'published'],
      [2, 'ana', 'idle 30 days before decline', 0, 'published'],
      [1, 'system', 'DESIGN section 6 defaults, lost after 60 idle days', 0, 'published'],
    ]);
    expect((await call('GET', '/api/settings/lifecycle/versions/2')).body.rules.decline_idle_days).toBe('30');
    expect((await call('GET', '/api/settings/lifecycle/versions/9')).status).toBe(404);
    expect((await call('POST', '/api/settings/lifecycle/versions/2/restore', {})).body.error).toBe('author is required');
  });
});
