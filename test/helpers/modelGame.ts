import path from 'node:path';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { simulateGame } from '../../server/sim/simulate.ts';
import type { TestEngine } from './engine.ts';

/** The last simulated day: every model fit of the model tests is as of it (it is long past, so it is the default as-of day). */
export const MODEL_GAME_END = '2026-03-31';

/**
 * A small simulated game for the model tests: 5,000 players over 90 days,
 * enough payers (about 250) for the monetary fits, loaded through the real
 * ingester with its stage snapshots (segment CLV reads them). About 7 s.
 */
export async function loadModelGame(engine: TestEngine): Promise<void> {
  const inbox = path.join(engine.dir, 'inbox');
  await simulateGame({
    seed: 7,
    players: 5000,
    days: 90,
    servers: 4,
    endDay: MODEL_GAME_END,
    out: inbox,
    format: 'ndjson',
    gzip: false,
    malformedRows: 0,
    filesEvery: 30,
  });
  await runIngestAndRefresh(engine, { paths: [inbox], source: 'cli' });
}
