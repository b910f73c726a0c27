import { Router, type Request } from 'express';
import type { Db } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { backfillStages } from '../lifecycle/backfill.ts';
import { FLOW_ORDER, flowPlayers, type FlowOrder } from '../queries/lifecycle/flowPlayers.ts';
import { snapshotDays } from '../queries/lifecycle/snapshotDays.ts';
import { transitions } from '../queries/lifecycle/transitions.ts';
import { handle } from './http.ts';
import { addDays } from '../days.ts';
import { parseChoice, parseDay, parseServer, parseWhole, queryString } from './params.ts';
import { invalid } from '../domainError.ts';

export const FROM_KEYS = ['new', 'exploration', 'growth', 'stable', 'decline', 'lost'] as const;
export const TO_KEYS = ['exploration', 'growth', 'stable', 'decline', 'lost'] as const;
const ORDERS = Object.keys(FLOW_ORDER) as FlowOrder[];

/**
 * ?from&to&server for a comparison of two snapshot days. Default: the last
 * snapshot day against the week before it (or the first snapshot day).
 */
async function pairOf(db: Db, req: Request) {
  const q = req.query as Record<string, unknown>;
  const { first, last } = await snapshotDays(db);
  const server = parseServer(q);
  const toRaw = queryString(q, 'to');
  const fromRaw = queryString(q, 'from');
  if (!first || !last) {
    if (toRaw) parseDay(toRaw, 'to');
    if (fromRaw) parseDay(fromRaw, 'from');
    return null;
  }
  const to = toRaw ? parseDay(toRaw, 'to') : last;
  const weekBefore = addDays(to, -7);
  const from = fromRaw ? parseDay(fromRaw, 'from') : weekBefore < first ? first : weekBefore;
  if (from >= to) throw invalid(`from (${from}) must be before to (${to})`);
  return { from, to, server, first, last };
}

export function lifecycleRoutes({ db }: Deps): Router {
  const r = Router();
  r.get(
    '/lifecycle/transitions',
    handle(async (req) => {
      const pair = await pairOf(db, req);
      if (!pair) return { from: null, to: null, server: parseServer(req.query as Record<string, unknown>), snapshots: null, flows: [] };
      const { first, last, ...q } = pair;
      return { ...q, snapshots: { first, last }, flows: await transitions(db, q) };
    }),
  );
  r.get(
    '/lifecycle/flow',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const fromStage = parseChoice(q, 'fromStage', FROM_KEYS);
      const toStage = parseChoice(q, 'toStage', TO_KEYS);
      const order = parseChoice(q, 'order', ORDERS, 'desc');
      const limit = parseWhole(q, 'limit', 50, 1, 500);
      const offset = parseWhole(q, 'offset', 0, 0, 10_000_000);
      const pair = await pairOf(db, req);
      if (!pair) return { total: 0, players: [] };
      const { first: _f, last: _l, ...range } = pair;
      return { ...range, fromStage, toStage, order, limit, offset, ...(await flowPlayers(db, { ...range, fromStage, toStage, order, limit, offset })) };
    }),
  );
  // Used by `npm run backfill:stages` when this server owns the embedded engine.
  r.post(
    '/lifecycle/backfill',
    handle(async (req) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const range: { from?: string; to?: string } = {};
      for (const k of ['from', 'to'] as const) {
        if (body[k] === undefined || body[k] === null || body[k] === '') continue;
        if (typeof body[k] !== 'string') throw invalid(`${k} must be a date as YYYY-MM-DD`);
        range[k] = parseDay(body[k], k);
      }
      if (range.from && range.to && range.from > range.to) throw invalid(`from (${range.from}) is after to (${range.to})`);
      return backfillStages(db, range);
    }),
  );
  return r;
}
