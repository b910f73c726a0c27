import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { rebuildRollups } from '../../server/lifecycle/rebuildRollups.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

/**
 * Rebuilding the rollups from raw events gives what the materialized views
 * kept on every insert: the same sums per player, day and server, and the same
 * first day per player and server. The fixture's 11 players are active on
 * A 2 + B 2 + C 2 + D 2 + E 11 + F 11 + G 11 + H 11 + I 11 + J 11 + K 7 = 81
 * player-days, all on one server, and its 9 payments fall on active days.
 */
let engine: TestEngine;
beforeAll(async () => {
  engine = await freshEngine();
  await loadLifecycleFixture(engine);
});
afterAll(() => engine?.cleanup());

const dailyRows = () =>
  rows<Record<string, string | number>>(
    engine.db,
    `SELECT player_id, toString(day) AS day, server_id, sum(sessions) AS sessions, sum(playtime_s) AS playtime, sum(payments) AS payments,
            toString(sum(revenue)) AS revenue, max(max_level) AS level, toString(max(last_ts)) AS last_ts
     FROM player_daily GROUP BY player_id, day, server_id ORDER BY player_id, day, server_id`,
  );
const firstDays = () =>
  rows<Record<string, string>>(engine.db, `SELECT player_id, server_id, toString(min(first_day)) AS first FROM player_server_first GROUP BY ALL ORDER BY ALL`);

describe('rebuildRollups', () => {
  it('recomputes player_daily and player_server_first exactly as the views kept them', async () => {
    const before = await dailyRows();
    const firstBefore = await firstDays();
    expect(before).toHaveLength(81);
    expect(before.reduce((n, r) => n + Number(r.payments), 0)).toBe(9);
    expect(firstBefore).toHaveLength(11);
    await rebuildRollups(engine.db);
    expect(await dailyRows()).toEqual(before);
    expect(await firstDays()).toEqual(firstBefore);
    // Run twice: it replaces, it does not add.
    await rebuildRollups(engine.db);
    expect(await dailyRows()).toEqual(before);
  });
});
