import type { Health, Meta, PublicHealth } from '../../contract/health.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { dataCounts, engineVersion } from '../queries/health/counts.ts';
import { lastRun } from '../queries/ingest/status.ts';
import { serverIds } from '../queries/overview/servers.ts';
import { dataDays } from '../queries/stages/dataDays.ts';

/** What anyone may know: the service is up, and the engine and its version (the query proves the engine answers). */
export async function publicHealth(db: Db): Promise<PublicHealth> {
  return { ok: true, engine: db.engine, version: await engineVersion(db) };
}

/** The engine, the row counts and the last ingest run. */
export async function health(db: Db, cfg: Config): Promise<Health> {
  const [version, counts, run] = await Promise.all([engineVersion(db), dataCounts(db), lastRun(db)]);
  const { players, latestEventTime, ...rows } = counts;
  return {
    ok: true,
    engine: db.engine,
    version,
    database: db.database,
    gameTz: cfg.gameTz,
    baseCurrency: cfg.baseCurrency,
    rows,
    players,
    latestEventTime,
    lastIngest: run,
  };
}

/** The days with data, the servers and the game's calendar settings. */
export async function meta(db: Db, cfg: Config): Promise<Meta> {
  const [days, servers] = await Promise.all([dataDays(db), serverIds(db)]);
  return { ...days, servers, gameTz: cfg.gameTz, weekStart: cfg.weekStart, baseCurrency: cfg.baseCurrency };
}
