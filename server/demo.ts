import path from 'node:path';
import type { Deps } from './deps.ts';
import { runIngestAndRefresh } from './ingest/runAndRefresh.ts';
import { refreshModels } from './models/refresh.ts';
import { dataCounts } from './queries/health/counts.ts';
import { simulateGame } from './sim/simulate.ts';
import { progressLine } from './progress.ts';

/** The demo game's size: enough to look like a live game, small enough to load in about a minute. */
export const DEMO_GAME = { seed: 42, players: 50_000, days: 120, servers: 8, malformedRows: 300 };

/**
 * On an empty database (and DEMO=auto), simulates a demo game into the inbox,
 * loads it through the real ingester and fits the lifetime models, so a fresh
 * install shows a living game.
 */
export async function seedDemoIfEmpty(deps: Deps): Promise<boolean> {
  const { cfg, db, log } = deps;
  if (cfg.demo === 'off') return false;
  const counts = await dataCounts(db);
  if (counts.sessions > 0 || counts.payments > 0 || counts.quarantine > 0) return false;

  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  log(
    `no data yet: simulating a demo game (${DEMO_GAME.players.toLocaleString('en')} players, ${DEMO_GAME.days} days, ${DEMO_GAME.servers} servers) into ${cfg.inboxDir}`,
  );
  const sim = await simulateGame({
    ...DEMO_GAME,
    endDay: yesterday,
    out: cfg.inboxDir,
    format: 'ndjson',
    gzip: false,
    filesEvery: 7,
    onProgress: (p) => progressLine(`simulating day ${p.day}/${p.days}`, p.day, p.days),
  });
  log(
    `simulated ${sim.sessions.toLocaleString('en')} sessions and ${sim.payments.toLocaleString('en')} payments in ${sim.files.length} files (+${sim.malformed} malformed rows)`,
  );
  const summary = await runIngestAndRefresh(
    deps,
    {
      paths: [cfg.inboxDir],
      source: 'demo',
      archiveDir: cfg.archiveDir,
      onProgress: (p) => progressLine(`ingesting ${p.file}: ${p.phase}${p.chunks ? ` ${p.chunk}/${p.chunks}` : ''}`),
    },
    (done, total) => progressLine(`computing daily lifecycle stages ${done}/${total}`, done, total),
  );
  log(
    `demo loaded: ${summary.rowsLoaded.toLocaleString('en')} rows, ${summary.rowsQuarantined} quarantined, ` +
      `${summary.stageDaysRefreshed} days of stages, in ${summary.seconds.toFixed(1)} s (files archived to ${path.relative(process.cwd(), cfg.archiveDir)})`,
  );
  // Scores from the first minute rather than from the first nightly model job.
  const models = await refreshModels(deps, { onStep: (m) => progressLine(`lifetime models: ${m}`) });
  log(`lifetime models fitted as of ${models.asOf}: ${models.runs.map((r) => `${r.kind} ${r.status}${r.message ? ` (${r.message})` : ''}`).join(', ')}`);
  return true;
}
