/**
 * Stage-rule save benchmark: on the demo game (default 50,000 players, 120
 * days, 8 servers, as a first start simulates it, loaded through the real
 * ingester), saves a rule change the way POST /api/settings/lifecycle does and
 * times its background recompute, from the save to the new version in force:
 * every stored day's stage snapshot under the new rules, then the publication.
 * Prints the days, seconds per day and `ratio: X` against the 30 s target,
 * then the same days through the ingest's refresh path, for comparison.
 * --data DIR reuses (or, when empty, prepares and keeps) a loaded data directory,
 * so repeated runs skip the simulation and the ingest.
 * Usage: npm run bench:rules -- [--players 50000] [--data DIR] [--saves 1]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openReadyDb } from '../server/db/open.ts';
import { demoGame } from '../server/demo.ts';
import { Ingester } from '../server/ingest/ingestRun.ts';
import { runIngestAndRefresh } from '../server/ingest/runAndRefresh.ts';
import { ingestSettings } from '../server/ingestDefaults.ts';
import { rulesRecompute } from '../server/lifecycle/rulesRecompute.ts';
import { lifecycleSettings, saveRules } from '../server/lifecycle/settings.ts';
import { snapshotStages } from '../server/lifecycle/snapshots.ts';
import { silentLogger } from '../server/log.ts';
import { dataDays } from '../server/queries/stages/dataDays.ts';
import { STAGE_DAYS_PER_BATCH } from '../server/queries/stages/refreshStageDaily.ts';
import { progressLine } from '../server/progress.ts';
import { simulateGame } from '../server/sim/simulate.ts';

const TARGET_S = 30;
const { values } = parseArgs({
  options: { players: { type: 'string', default: '50000' }, data: { type: 'string' }, saves: { type: 'string', default: '1' } },
});
const players = Number(values.players);
const saves = Number(values.saves);
if (!Number.isInteger(players) || players <= 0) throw new Error('--players must be a positive integer');
if (!Number.isInteger(saves) || saves <= 0) throw new Error('--saves must be a positive integer');

const dir = values.data ? path.resolve(values.data) : mkdtempSync(path.join(os.tmpdir(), 'bench-rules-'));
const cfg = loadConfig({ DATA_DIR: path.join(dir, 'data'), DEMO: 'off', DEMO_PLAYERS: String(players) } as NodeJS.ProcessEnv, dir);
const db = await openReadyDb(cfg);
const seconds = (t0: number) => (performance.now() - t0) / 1000;
try {
  console.log(
    `stage-rule save: ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (1/5/15 min)`,
  );
  if ((await dataDays(db)).maxDay === null) {
    const game = demoGame(cfg);
    const t0 = performance.now();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await simulateGame({ ...game, endDay: yesterday, out: cfg.inboxDir, format: 'ndjson', gzip: false, filesEvery: 7 });
    const ingester = new Ingester(db, ingestSettings(cfg));
    const loaded = await runIngestAndRefresh({ db, ingester, cfg }, { paths: [cfg.inboxDir], source: 'cli', archiveDir: cfg.archiveDir }, (done, total) =>
      progressLine(`  computing daily stages ${done}/${total}`, done, total),
    );
    console.log(
      `  demo game: ${game.players.toLocaleString('en')} players, ${game.days} days, ${loaded.rowsLoaded.toLocaleString('en')} rows loaded with their stages in ${seconds(t0).toFixed(0)} s`,
    );
  } else console.log(`  reusing the game in ${dir}`);

  for (let i = 0; i < saves; i++) {
    // Alternates the idle threshold of decline so every save is a change.
    const { active } = await lifecycleSettings(db);
    const idle = Number(active.rules.decline_idle_days) === 7 ? '8' : '7';
    const t0 = performance.now();
    const saved = await saveRules(db, silentLogger, { ...active.rules, decline_idle_days: idle }, { author: 'bench', note: `decline after ${idle} idle days` });
    const answeredS = seconds(t0);
    await rulesRecompute(db).settled();
    const totalS = seconds(t0);
    const job = await rulesRecompute(db).view();
    if (job.state !== 'done' || job.inForce !== saved.version)
      throw new Error(`the recompute did not publish version ${saved.version}: ${JSON.stringify(job)}`);
    console.log(`  save answered in ${answeredS.toFixed(2)} s; version ${saved.version} in force after ${totalS.toFixed(1)} s`);
    console.log(
      `  recompute: ${totalS.toFixed(1)} s for ${job.daysTotal} days (${(totalS / job.daysTotal).toFixed(3)} s/day, ${STAGE_DAYS_PER_BATCH} days per statement)`,
    );
    console.log(`ratio: ${(totalS / TARGET_S).toFixed(2)}  (recompute / ${TARGET_S} s, target <= 1)`);
  }
  // What a save did inside the request before: every day through the refresh path, each batch replacing the older computations at once.
  const { minDay, maxDay } = await dataDays(db);
  if (minDay && maxDay) {
    const t0 = performance.now();
    const days = await snapshotStages(db, minDay, maxDay);
    console.log(
      `  for comparison, the same ${days} days through the ingest's refresh path (older computations dropped batch by batch): ${seconds(t0).toFixed(1)} s`,
    );
  }
} finally {
  await db.close();
  if (!values.data) rmSync(dir, { recursive: true, force: true });
}
