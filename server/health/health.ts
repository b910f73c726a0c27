import type { Health, Meta, PublicHealth } from '../../contract/health.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { IngestRun } from '../../contract/ingest.ts';
import { type DataCounts, dataCounts, engineVersion } from '../queries/health/counts.ts';
import { lastOrFresh } from './lastOrFresh.ts';
import { lastRun } from '../queries/ingest/status.ts';
import { serverIds } from '../queries/overview/servers.ts';
import { dataDays } from '../queries/stages/dataDays.ts';

/** An answer of the engine this recent proves it answers; the check then does not queue behind the queries it is working through. */
const ANSWERED_WITHIN_MS = 5_000;
/** How long a signed-in check waits for counts that moved before answering with the last ones. */
const COUNTS_WAIT_MS = 150;

const versions = new WeakMap<Db, string>();
const counts = new WeakMap<Db, (writes: number) => Promise<{ counts: DataCounts; run: IngestRun | null }>>();

/** What anyone may know: the service is up, and the engine and its version (asked of the engine unless it answered just now). */
export async function publicHealth(db: Db): Promise<PublicHealth> {
  const known = versions.get(db);
  if (known && Date.now() - db.answeredAt < ANSWERED_WITHIN_MS) return { ok: true, engine: db.engine, version: known };
  const version = await engineVersion(db);
  versions.set(db, version);
  return { ok: true, engine: db.engine, version };
}

/** The engine, the row counts and the last ingest run (the counts may trail a running ingest by a moment). */
export async function health(db: Db, cfg: Config): Promise<Health> {
  let latest = counts.get(db);
  if (!latest) {
    latest = lastOrFresh(async () => {
      const [c, run] = await Promise.all([dataCounts(db), lastRun(db)]);
      return { counts: c, run };
    }, COUNTS_WAIT_MS);
    counts.set(db, latest);
  }
  const [{ version }, { counts: c, run }] = await Promise.all([publicHealth(db), latest(db.writes)]);
  const { players, latestEventTime, ...rows } = c;
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
