import path from 'node:path';
import { MODEL_KINDS } from '../contract/models.ts';
import type { Config } from './config.ts';
import type { Deps } from './deps.ts';
import { runIngestAndRefresh } from './ingest/runAndRefresh.ts';
import { refreshModels } from './models/refresh.ts';
import type { DemoPreparation } from './preparation.ts';
import { dataCounts } from './queries/health/counts.ts';
import { simulateGame } from './sim/simulate.ts';
import { progressLine } from './progress.ts';

/** The demo game's shape (DEMO_PLAYERS sets its size, 50,000 players unless told): enough to look like a live game. */
export function demoGame(cfg: Pick<Config, 'demoPlayers'>) {
  return { seed: 42, players: cfg.demoPlayers, days: 120, servers: 8, malformedRows: 300 };
}

/** True on an empty database with DEMO=auto: the first start prepares a demo game. */
export async function demoNeeded({ cfg, db }: Pick<Deps, 'cfg' | 'db'>): Promise<boolean> {
  if (cfg.demo === 'off') return false;
  const counts = await dataCounts(db);
  return counts.sessions === 0 && counts.payments === 0 && counts.quarantine === 0;
}

/**
 * Simulates a demo game into the inbox, loads it through the real ingester,
 * computes its stages and fits the lifetime models, so a fresh install shows a
 * living game. Reports each step to `prep` (the preparing page) and to the
 * console as it goes.
 */
export async function prepareDemo(deps: Deps, prep: DemoPreparation): Promise<void> {
  const { cfg, log } = deps;
  const game = demoGame(cfg);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  log(`no data yet: simulating a demo game (${game.players.toLocaleString('en')} players, ${game.days} days, ${game.servers} servers) into ${cfg.inboxDir}`);
  prep.progress('simulate', 0, game.days);
  const sim = await simulateGame({
    ...game,
    endDay: yesterday,
    out: cfg.inboxDir,
    format: 'ndjson',
    gzip: false,
    filesEvery: 7,
    onProgress: (p) => {
      prep.progress('simulate', p.day, p.days);
      progressLine(`simulating day ${p.day}/${p.days}`, p.day, p.days);
    },
  });
  log(
    `simulated ${sim.sessions.toLocaleString('en')} sessions and ${sim.payments.toLocaleString('en')} payments in ${sim.files.length} files (+${sim.malformed} malformed rows)`,
  );
  // A file counts as done once the ingester has moved on to the next one.
  const files: string[] = [];
  prep.progress('ingest', 0, sim.files.length);
  const summary = await runIngestAndRefresh(
    deps,
    {
      paths: [cfg.inboxDir],
      source: 'demo',
      archiveDir: cfg.archiveDir,
      onProgress: (p) => {
        if (files.at(-1) !== p.file) files.push(p.file);
        prep.progress('ingest', files.length - 1, sim.files.length, p.file);
        progressLine(`ingesting ${p.file}: ${p.phase}${p.chunks ? ` ${p.chunk}/${p.chunks}` : ''}`);
      },
    },
    (done, total) => {
      prep.progress('stages', done, total);
      progressLine(`computing daily lifecycle stages ${done}/${total}`, done, total);
    },
  );
  log(
    `demo loaded: ${summary.rowsLoaded.toLocaleString('en')} rows, ${summary.rowsQuarantined} quarantined, ` +
      `${summary.stageDaysRefreshed} days of stages, in ${summary.seconds.toFixed(1)} s (files archived to ${path.relative(process.cwd(), cfg.archiveDir)})`,
  );
  // Scores from the first minute rather than from the first nightly model job.
  prep.progress('models', 0, MODEL_KINDS.length);
  const models = await refreshModels(deps, {
    onStep: (m) => {
      const kind = MODEL_KINDS.find((k) => m.startsWith(`${k}:`));
      if (kind) prep.progress('models', MODEL_KINDS.indexOf(kind), MODEL_KINDS.length, kind);
      progressLine(`lifetime models: ${m}`);
    },
  });
  log(`lifetime models fitted as of ${models.asOf}: ${models.runs.map((r) => `${r.kind} ${r.status}${r.message ? ` (${r.message})` : ''}`).join(', ')}`);
}
