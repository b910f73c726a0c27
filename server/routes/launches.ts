import type { Router } from 'express';
import type { LaunchAnswer, LaunchDetail, LaunchList, Uplift } from '../../contract/launches.ts';
import { auditor } from '../audit/audited.ts';
import { hostOf } from '../audit/redact.ts';
import { invalid } from '../domainError.ts';
import { launchCsv } from '../launches/csv.ts';
import { launchOffer, type LaunchRequest } from '../launches/launch.ts';
import { findLaunch, launchDetail, launchList, launchUplift } from '../launches/list.ts';
import { MAX_SEED } from '../launches/split.ts';
import { handle, streamCsv } from './http.ts';
import { bodyText, parseChoice, parseDay, parseWhole } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

type Body = Record<string, unknown>;

const LAUNCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OFFER_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

function flag(body: Body, name: string): boolean {
  const v = body[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw invalid(`${name} must be true or false`);
  return v;
}

function wholeIn(body: Body, name: string, min: number, max: number): number | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw invalid(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return v;
}

/** Reads a launch request body (LaunchRequestBody); every field checked, with a message naming it. */
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

function launchId(raw: string | undefined): string {
  if (!raw || !LAUNCH_ID.test(raw)) throw invalid(`"${raw ?? ''}" is not a launch id`);
  return raw;
}

/** A launch's entry: who got what, and the webhook's host only (its URL can carry credentials). */
const launchFacts = ({ launch: l, webhook }: LaunchAnswer) => ({
  launchId: l.launchId,
  offerId: l.offerId,
  offerVersion: l.offerVersion,
  asOf: l.asOf,
  audience: l.audience,
  treatment: l.treatment,
  holdout: l.holdout,
  holdoutShare: l.holdoutShare,
  destination: l.webhookUrl ? hostOf(l.webhookUrl) : null,
  webhookStatus: l.webhookStatus,
  batches: webhook.length,
});

export function launchRoutes(deps: RouteDeps): Router {
  const { db, cfg } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  r.post(
    '/offers/:id/launch',
    handle(async (req) => {
      const ask = launchRequest(req.params.id as string, (req.body ?? {}) as Body);
      const entry = { action: 'offer.launch', target: `offer:${ask.offerId}`, detail: launchFacts };
      return (await audited.change(req, entry, () => launchOffer(db, cfg, ask))) satisfies LaunchAnswer;
    }),
  );
  r.get(
    '/launches',
    handle(async (req) => (await launchList(db, cfg, parseWhole(req.query as Record<string, unknown>, 'limit', 100, 1, 1000))) satisfies LaunchList),
  );
  r.get(
    '/launches/:id',
    // Deliveries are the delivery log's rows, whose wire type the delivery contract owns.
    handle(async (req) => (await launchDetail(db, cfg, launchId(req.params.id as string))) satisfies LaunchDetail),
  );
  r.get(
    '/launches/:id/uplift',
    handle(async (req) => (await launchUplift(db, launchId(req.params.id as string))) satisfies Uplift),
  );
  r.get(
    '/launches/:id/audience.csv',
    handle(async (req, res) => {
      // The launch is looked up before the query is read, so an unknown id answers 404 whatever the group says.
      const launch = await findLaunch(db, launchId(req.params.id as string));
      const group = parseChoice(req.query as Record<string, unknown>, 'group', ['all', 'treatment', 'holdout'] as const, 'all');
      await audited.record(req, { action: 'launch.audience.export', target: `launch:${launch.launchId}`, detail: { group } });
      await streamCsv(res, launchCsv(db, launch, group));
    }),
  );
  return r;
}
