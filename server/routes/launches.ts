import type { Router } from 'express';
import type { LaunchAnswer, LaunchDetail, LaunchList, Uplift } from '../../contract/launches.ts';
import { auditor } from '../audit/audited.ts';
import { hostOf } from '../audit/redact.ts';
import { launchCsv } from '../launches/csv.ts';
import { launchOffer } from '../launches/launch.ts';
import { findLaunch, launchDetail, launchList, launchListCsv, launchUplift } from '../launches/list.ts';
import { handle, streamCsv } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

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
      const { path, body } = inputOf(req, 'POST /api/offers/:id/launch');
      const ask = { offerId: path.id, ...body, note: body.note ?? '' };
      const entry = { action: 'offer.launch', target: `offer:${ask.offerId}`, detail: launchFacts };
      return (await audited.change(req, entry, () => launchOffer(db, cfg, ask))) satisfies LaunchAnswer;
    }),
  );
  r.get(
    '/launches',
    handle(async (req) => (await launchList(db, cfg, inputOf(req, 'GET /api/launches').query.limit)) satisfies LaunchList),
  );
  r.get(
    '/launches.csv',
    handle(async (req, res) => {
      const { limit, lang, header } = inputOf(req, 'GET /api/launches.csv').query;
      await streamCsv(res, await launchListCsv(db, cfg, limit, { lang, header }));
    }),
  );
  r.get(
    '/launches/:id',
    // Deliveries are the delivery log's rows, whose wire type the delivery contract owns.
    handle(async (req) => (await launchDetail(db, cfg, inputOf(req, 'GET /api/launches/:id').path.id)) satisfies LaunchDetail),
  );
  r.get(
    '/launches/:id/uplift',
    handle(async (req) => (await launchUplift(db, inputOf(req, 'GET /api/launches/:id/uplift').path.id)) satisfies Uplift),
  );
  r.get(
    '/launches/:id/audience.csv',
    handle(async (req, res) => {
      const { path, query } = inputOf(req, 'GET /api/launches/:id/audience.csv');
      const launch = await findLaunch(db, path.id);
      const { group, lang, header } = query;
      await audited.record(req, { action: 'launch.audience.export', target: `launch:${launch.launchId}`, detail: { group } });
      await streamCsv(res, launchCsv(db, launch, group, { lang, header }));
    }),
  );
  return r;
}
