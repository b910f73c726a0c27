import type { Deps } from '../server/deps.ts';
import { ModelsBusyError, refreshModels } from '../server/models/refresh.ts';

/** Once a day: refit the lifetime models on the data up to the last complete day and rescore every player. */
export async function run(deps: Deps): Promise<void> {
  try {
    const result = await refreshModels(deps);
    if (!result.asOf) return;
    for (const r of result.runs) {
      const fields = { kind: r.kind, asOf: r.asOf, status: r.status, message: r.message };
      if (r.status === 'ok') deps.log.info('models: refreshed', fields);
      else deps.log.warn('models: fit not used', fields);
    }
  } catch (err) {
    if (err instanceof ModelsBusyError) {
      deps.log.info('models: a refresh is already running, skipping this tick');
      return;
    }
    throw err;
  }
}
