import type { RulesRecompute } from '../../contract/settings.ts';

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
