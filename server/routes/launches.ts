import { Router, type Response } from 'express';
import type { Deps } from '../deps.ts';
import { csvLine } from '../csv.ts';
import { launchOffer, type LaunchRequest } from '../launches/launch.ts';
import { MAX_SEED } from '../launches/split.ts';
import { upliftHeadlines, upliftOf } from '../launches/uplift.ts';
import { deliveriesOf } from '../queries/delivery/deliveriesOf.ts';
import { launchMembers } from '../queries/launches/launchMembers.ts';
import { launches, type LaunchRow } from '../queries/launches/launches.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { handle } from './http.ts';
import { bodyText, parseChoice, parseDay, parseWhole } from './params.ts';
import { invalid, notFound } from '../domainError.ts';

type Body = Record<string, unknown>;

const LAUNCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OFFER_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Rows per page read while a CSV streams out. */
const CSV_PAGE = 10_000;
const CSV_COLUMNS = ['group', 'player_id', 'server_id', 'stage', 'status', 'tier', 'idle_days', 'p_alive', 'expected_clv', 'cost', 'reward'];

function flag(body: Body, name: string): boolean {
  const v = body[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw invalid(`${name} must be true or false`);
  return v;
}

function wholeIn(body: Body, name: string, min: number, max: number): number | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalid(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return v;
}

/** Reads a launch request body; every field checked, with a message naming it. */
export function launchRequest(offerId: string, body: Body): LaunchRequest {
  if (!OFFER_ID.test(offerId)) throw invalid(`"${offerId}" is not an offer id`);
  const asOfRaw = body.asOf;
  if (asOfRaw !== undefined && asOfRaw !== null && asOfRaw !== '' && typeof asOfRaw !== 'string') throw invalid('asOf must be a date as YYYY-MM-DD');
  const share = body.holdoutShare;
  if (share !== undefined && share !== null && (typeof share !== 'number' || !(share >= 0 && share <= 0.5)))
    throw invalid(`holdoutShare must be a number from 0 to 0.5, got ${JSON.stringify(share)}`);
  return {
    offerId,
    asOf: asOfRaw ? parseDay(asOfRaw as string, 'asOf') : undefined,
    seed: wholeIn(body, 'seed', 0, MAX_SEED),
    windowDays: wholeIn(body, 'windowDays', 1, 90) ?? 14,
    holdoutShare: typeof share === 'number' ? share : undefined,
    webhook: flag(body, 'webhook'),
    author: bodyText(body, 'author', 64, true),
    note: bodyText(body, 'note', 500, false),
    force: flag(body, 'force'),
  };
}

const summary = ({ offerJson: _json, ...l }: LaunchRow) => l;

function launchId(raw: string | undefined): string {
  if (!raw || !LAUNCH_ID.test(raw)) throw invalid(`"${raw ?? ''}" is not a launch id`);
  return raw;
}

export function launchRoutes({ db, cfg }: Deps): Router {
  const r = Router();
  const oneLaunch = async (raw: string | undefined): Promise<LaunchRow> => {
    const id = launchId(raw);
    const [found] = await launches(db, { launch: id, limit: 1 });
    if (!found) throw notFound(`no launch "${id}"`);
    return found;
  };

  r.post(
    '/offers/:id/launch',
    handle(async (req) => {
      const request = launchRequest(req.params.id as string, (req.body ?? {}) as Body);
      const out = await launchOffer(db, cfg, request);
      return { launch: summary(out.launch), webhook: out.webhook };
    }),
  );
  r.get(
    '/launches',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const limit = parseWhole(q, 'limit', 100, 1, 1000);
      const [list, { maxDay }] = await Promise.all([launches(db, { limit }), dataDays(db)]);
      const heads = await upliftHeadlines(db, list, maxDay);
      return { lastDay: maxDay, currency: cfg.baseCurrency, launches: list.map((l) => ({ ...summary(l), uplift: heads.get(l.launchId)! })) };
    }),
  );
  r.get(
    '/launches/:id',
    handle(async (req) => {
      const launch = await oneLaunch(req.params.id as string);
      const deliveries = await deliveriesOf(db, 'launch', launch.launchId);
      return { launch: { ...summary(launch), offer: JSON.parse(launch.offerJson) }, deliveries, currency: cfg.baseCurrency };
    }),
  );
  r.get(
    '/launches/:id/uplift',
    handle(async (req) => {
      const launch = await oneLaunch(req.params.id as string);
      return upliftOf(db, launch, (await dataDays(db)).maxDay);
    }),
  );
  r.get(
    '/launches/:id/audience.csv',
    handle(async (req, res) => {
      const launch = await oneLaunch(req.params.id as string);
      const group = parseChoice(req.query as Record<string, unknown>, 'group', ['all', 'treatment', 'holdout'] as const, 'all');
      await streamCsv(res, launch, group);
    }),
  );

  /** Writes the CSV page by page, so a large audience never sits in memory as one string. */
  async function streamCsv(res: Response, launch: LaunchRow, group: 'all' | 'treatment' | 'holdout'): Promise<void> {
    const name = `launch-${launch.offerId}-${launch.asOf}-${group}.csv`;
    // The reward as the launch froze it, so the file stands on its own in the mail tool.
    const reward = String((JSON.parse(launch.offerJson) as { reward?: unknown }).reward ?? '');
    res.status(200).set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
    res.write(`${csvLine(CSV_COLUMNS)}\r\n`);
    try {
      let after = { afterGroup: '', afterPlayer: '' };
      for (let full = true; full; ) {
        const page = await launchMembers(db, { launch: launch.launchId, group: group === 'all' ? '' : group, ...after, limit: CSV_PAGE });
        if (page.length) {
          const lines = page.map((m) => csvLine([m.group, m.playerId, m.serverId, m.stage, m.status, m.tier, m.idleDays, m.pAlive, m.expectedClv, m.cost, reward]));
          if (!res.write(`${lines.join('\r\n')}\r\n`)) await new Promise((ok) => res.once('drain', ok));
          after = { afterGroup: page[page.length - 1].group, afterPlayer: page[page.length - 1].playerId };
        }
        full = page.length === CSV_PAGE;
      }
    } catch (err) {
      // The status line is gone: cut the download short rather than end it looking complete.
      res.destroy(err as Error);
      return;
    }
    res.end();
  }
  return r;
}
