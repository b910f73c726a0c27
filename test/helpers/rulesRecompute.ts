import type { RulesRecompute } from '../../contract/settings.ts';
import type { Db } from '../../server/db/client.ts';
import { stageWrites } from '../../server/lifecycle/stageLock.ts';

/** Polls GET /api/settings/lifecycle/recompute until no recompute runs; fails after `timeoutMs`. */
export async function recomputeDone(get: (path: string) => Promise<{ body: unknown }>, timeoutMs = 60_000): Promise<RulesRecompute> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = (await get('/api/settings/lifecycle/recompute')).body as RulesRecompute;
    if (job.state !== 'running') return job;
    if (Date.now() > until) throw new Error(`the stage rules recompute still runs after ${timeoutMs} ms: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Takes the lock of the stage snapshot writers, as a long ingest refresh holds
 * it, so a recompute started meanwhile waits at a known point; resolves once
 * held, with the function that lets go (and settles when it has).
 */
export async function holdStageWrites(db: Db): Promise<() => Promise<void>> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let holding!: () => void;
  const held = new Promise<void>((r) => (holding = r));
  const holder = stageWrites(db).run(async () => {
    holding();
    await gate;
  });
  await held;
  return async () => {
    release();
    await holder;
  };
}
