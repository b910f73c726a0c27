import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rulesRecompute } from '../../server/lifecycle/rulesRecompute.ts';
import { configVersion } from '../../server/queries/settings/configVersions.ts';
import { saveConfigVersion } from '../../server/queries/settings/saveConfigVersion.ts';
import { stageCountsOn } from '../../server/queries/stages/stageCounts.ts';
import { startServer } from '../../server/startServer.ts';
import { freshEngine } from '../helpers/engine.ts';
import { AS_OF, loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';
import { capturingLogger } from '../helpers/logger.ts';

/** Stage counts of 03-31 from the stored snapshots, as the overview reads them. */
const countsOn = async (db: Parameters<typeof stageCountsOn>[0]) =>
  Object.fromEntries((await stageCountsOn(db, AS_OF, '')).map((r) => [`${r.stage}${r.status ? `:${r.status}` : ''}`, Number(r.players)]));

describe('a stage-rules version left pending by a crash', () => {
  it('is applied at the next start, in the background, and then in force', async () => {
    const engine = await freshEngine();
    try {
      await loadLifecycleFixture(engine);
      const before = await countsOn(engine.db);
      const rules = (await configVersion(engine.db, 0))!.rules;
      // What a save writes before its recompute: the version, pending. The process ends there (no recompute ran).
      expect(
        await saveConfigVersion(engine.db, { ...rules, decline_idle_days: '30', lapsed_idle_days: '45' }, { author: 'ana', note: '', restoredFrom: 0 }),
      ).toBe(2);
      expect((await configVersion(engine.db, 0))!.version).toBe(1);
      await engine.db.close();

      const logged: string[] = [];
      const running = await startServer({ ...engine.cfg, port: 0 }, { log: capturingLogger(logged), print: () => {} });
      try {
        await running.ready;
        await rulesRecompute(running.deps.db).settled();
        expect(logged).toContain('stage rules version 2 was not applied yet: recomputing it');
        expect(await rulesRecompute(running.deps.db).view()).toMatchObject({ state: 'done', version: 2, inForce: 2, daysDone: 90, daysTotal: 90 });
        // Idle 30 before decline, lapsed at 45: C (idle 11) is stable, D (idle 39) leaving rather than lapsed.
        expect(before).toEqual({ exploration: 2, growth: 3, stable: 1, 'decline:leaving': 4, 'decline:lapsed': 1 });
        expect(await countsOn(running.deps.db)).toEqual({ exploration: 2, growth: 3, stable: 2, 'decline:leaving': 4 });
      } finally {
        await running.stop();
      }
    } finally {
      rmSync(engine.dir, { recursive: true, force: true });
    }
  }, 120_000);
});
