import { Router, type Request } from 'express';
import type { Db } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { overview } from '../overview/overview.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { stageTrend } from '../queries/stages/stageTrend.ts';
import { handle } from './http.ts';
import { parseRange } from './params.ts';

async function rangeOf(db: Db, req: Request) {
  const { maxDay } = await dataDays(db);
  return parseRange(req.query as Record<string, unknown>, maxDay ?? new Date().toISOString().slice(0, 10));
}

export function overviewRoutes({ db }: Deps): Router {
  const r = Router();
  r.get('/overview', handle(async (req) => overview(db, await rangeOf(db, req))));
  r.get(
    '/stages/trend',
    handle(async (req) => {
      const range = await rangeOf(db, req);
      return { ...range, days: await stageTrend(db, range) };
    }),
  );
  return r;
}
