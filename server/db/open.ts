import type { Config } from '../config.ts';
import { silentLogger, type Logger } from '../log.ts';
import { checkEngineSettings, checkGameTimeZone } from './checks.ts';
import { openDb, type Db } from './client.ts';
import { migrate } from './migrate.ts';
import { seedDefaultOffers } from '../offers/defaults.ts';
import { createStartViews } from '../queries/views/startViews.ts';

/** Opens the engine, applies migrations and runs the start-up checks: the one way in for every entry point. */
export async function openReadyDb(cfg: Config, log: Logger = silentLogger): Promise<Db> {
  const db = await openDb(cfg);
  try {
    const applied = await migrate(db, undefined, log);
    if (applied > 0) log.info('migrations applied', { count: applied });
    await checkEngineSettings(db);
    await checkGameTimeZone(db, cfg);
    await createStartViews(db);
    await seedDefaultOffers(db);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}
