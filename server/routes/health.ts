import { Router } from 'express';
import type { Deps } from '../deps.ts';
import { dataCounts, engineVersion } from '../queries/health/counts.ts';
import { lastRun } from '../queries/ingest/status.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { serverIds } from '../queries/overview/servers.ts';
import { handle } from './http.ts';

export function healthRoutes({ db, cfg }: Deps): Router {
  const r = Router();
  r.get(
    '/health',
    handle(async () => {
      const [version, counts, run] = await Promise.all([engineVersion(db), dataCounts(db), lastRun(db)]);
      const { players, latestEventTime, ...rows } = counts;
      return {
        ok: true, engine: db.engine, version, database: db.database, gameTz: cfg.gameTz, baseCurrency: cfg.baseCurrency,
        rows, players, latestEventTime, lastIngest: run,
      };
    }),
  );
  r.get(
    '/meta',
    handle(async () => {
      const [days, servers] = await Promise.all([dataDays(db), serverIds(db)]);
      return { ...days, servers, gameTz: cfg.gameTz, weekStart: cfg.weekStart, baseCurrency: cfg.baseCurrency };
    }),
  );
  return r;
}
