import { Router, type Request, type Response } from 'express';
import type { Deps } from '../deps.ts';
import { addDays, weekStartOf } from '../days.ts';
import { filterOptions } from '../queries/retention/filterOptions.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { retentionCsv } from '../retention/csvExport.ts';
import { ltvTriangle, MAX_N, retentionMatrix, type RetentionQuery } from '../retention/retention.ts';
import { handle } from './http.ts';
import { parseChoice, parseDay, parseServer, queryString } from './params.ts';
import { invalid } from '../domainError.ts';

/** At most this many cohorts per request: the heatmap stays readable and the query bounded. */
export const MAX_COHORTS = { day: 90, week: 26 } as const;
// Platform and channel names come from the game's logs (often not ASCII, e.g. 应用宝) and only
// ever reach SQL as parameters, so any printable text of a sane length is accepted.
const ATTRIBUTE = /^[^\p{Cc}]{0,64}$/u;

function attribute(q: Record<string, unknown>, name: string): string {
  const v = queryString(q, name) ?? '';
  if (!ATTRIBUTE.test(v)) throw invalid(`${name} must be a name of at most 64 printable characters`);
  return v;
}

/** Reads the cohort query; the default range is the 30 daily (or 12 weekly) cohorts ending on the last day with data. */
function parseCohortQuery(req: Request, lastDay: string, weekStart: 1 | 7): RetentionQuery {
  const q = req.query as Record<string, unknown>;
  const grain = parseChoice(q, 'grain', ['day', 'week'] as const, 'day');
  const mode = parseChoice(q, 'mode', ['classic', 'unbounded'] as const, 'classic');
  const toRaw = queryString(q, 'to');
  const fromRaw = queryString(q, 'from');
  let to = toRaw ? parseDay(toRaw, 'to') : lastDay;
  let from = fromRaw ? parseDay(fromRaw, 'from') : grain === 'day' ? addDays(to, -29) : addDays(weekStartOf(to, weekStart), -7 * 11);
  if (from > to) throw invalid(`from (${from}) is after to (${to})`);
  if (grain === 'week') {
    from = weekStartOf(from, weekStart);
    to = addDays(weekStartOf(to, weekStart), 6);
  }
  const cohorts = grain === 'day' ? (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 : ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1) / 7;
  if (cohorts > MAX_COHORTS[grain]) throw invalid(`at most ${MAX_COHORTS[grain]} ${grain === 'day' ? 'daily' : 'weekly'} cohorts per request; narrow from/to`);
  return {
    grain, mode, from, to, server: parseServer(q), platform: attribute(q, 'platform'), channel: attribute(q, 'channel'),
    wmode: weekStart === 1 ? 1 : 0,
  };
}

export function retentionRoutes({ db, cfg }: Deps): Router {
  const r = Router();
  const load = async (req: Request) => {
    const { maxDay } = await dataDays(db);
    if (!maxDay) return null;
    return { lastDay: maxDay, q: parseCohortQuery(req, maxDay, cfg.weekStart) };
  };
  const echo = ({ wmode: _w, ...q }: RetentionQuery, lastDay: string) => ({ ...q, lastDay, periods: MAX_N[q.grain] + 1 });

  r.get(
    '/retention',
    handle(async (req) => {
      const l = await load(req);
      if (!l) return { cohorts: [] };
      return { ...echo(l.q, l.lastDay), cohorts: await retentionMatrix(db, l.q, l.lastDay) };
    }),
  );
  r.get(
    '/retention/ltv',
    handle(async (req) => {
      const l = await load(req);
      if (!l) return { cohorts: [] };
      return { ...echo(l.q, l.lastDay), currency: cfg.baseCurrency, cohorts: await ltvTriangle(db, l.q, l.lastDay) };
    }),
  );
  r.get('/retention/filters', handle(async () => filterOptions(db)));
  r.get(
    '/retention.csv',
    handle(async (req: Request, res: Response) => {
      const l = await load(req);
      const csv = l ? retentionCsv(l.q, await retentionMatrix(db, l.q, l.lastDay)) : retentionCsv(null, []);
      const name = l ? `retention_${l.q.grain}_${l.q.mode}_${l.q.from}_${l.q.to}.csv` : 'retention.csv';
      res.type('text/csv; charset=utf-8').attachment(name).send(csv);
    }),
  );
  return r;
}
