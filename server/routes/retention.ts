import type { Request, Response, Router } from 'express';
import type { Day } from '../../contract/common.ts';
import { GRAINS, RETENTION_MODES, type LtvTriangle, type Retention, type RetentionFilters } from '../../contract/retention.ts';
import { resolveAsOf } from '../asOf.ts';
import { invalid } from '../domainError.ts';
import { filterOptions } from '../queries/retention/filterOptions.ts';
import { cohortRange } from '../retention/cohortQuery.ts';
import { retentionCsvFile } from '../retention/csvExport.ts';
import { ltv, retention, type CohortRequest, type RetentionQuery } from '../retention/retention.ts';
import { handle } from './http.ts';
import { parseChoice, parseDay, parseServer, queryString } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

// Platform and channel names come from the game's logs (often not ASCII, e.g. 应用宝) and only
// ever reach SQL as parameters, so any printable text of a sane length is accepted.
const ATTRIBUTE = /^[^\p{Cc}]{0,64}$/u;

function attribute(q: Record<string, unknown>, name: string): string {
  const v = queryString(q, name) ?? '';
  if (!ATTRIBUTE.test(v)) throw invalid(`${name} must be a name of at most 64 printable characters`);
  return v;
}

/** Reads the cohort query; absent days take their defaults from the last day with data. */
function parseCohortQuery(q: Record<string, unknown>, lastDay: Day, weekStart: 1 | 7): RetentionQuery {
  const grain = parseChoice(q, 'grain', GRAINS, 'day');
  const mode = parseChoice(q, 'mode', RETENTION_MODES, 'classic');
  const toRaw = queryString(q, 'to');
  const fromRaw = queryString(q, 'from');
  const asked = { to: toRaw && parseDay(toRaw, 'to'), from: fromRaw && parseDay(fromRaw, 'from') };
  return {
    grain,
    mode,
    ...cohortRange(grain, asked, lastDay, weekStart),
    server: parseServer(q),
    platform: attribute(q, 'platform'),
    channel: attribute(q, 'channel'),
    wmode: weekStart === 1 ? 1 : 0,
  };
}

export function retentionRoutes({ db, cfg, router }: RouteDeps): Router {
  const r = router();
  // Before any data there is nothing to default to, and nothing to answer: the query is not read.
  const load = async (req: Request): Promise<CohortRequest | null> => {
    const lastDay = await resolveAsOf(db);
    return lastDay ? { lastDay, q: parseCohortQuery(req.query as Record<string, unknown>, lastDay, cfg.weekStart) } : null;
  };
  r.get(
    '/retention',
    handle(async (req) => (await retention(db, await load(req))) satisfies Retention),
  );
  r.get(
    '/retention/ltv',
    handle(async (req) => (await ltv(db, await load(req), cfg.baseCurrency)) satisfies LtvTriangle),
  );
  r.get(
    '/retention/filters',
    handle(async () => (await filterOptions(db)) satisfies RetentionFilters),
  );
  r.get(
    '/retention.csv',
    handle(async (req: Request, res: Response) => {
      const { name, csv } = await retentionCsvFile(db, await load(req));
      res.type('text/csv; charset=utf-8').attachment(name).send(csv);
    }),
  );
  return r;
}
