import type { Router } from 'express';
import type { OfferAudience, OfferList, OfferVersion, OfferWithVersions, Proposals, WhatIf } from '../../contract/offers.ts';
import { auditor } from '../audit/audited.ts';
import { audiencePage } from '../offers/audience.ts';
import { audienceCsv } from '../offers/audienceCsv.ts';
import { createOffer, getOffer, offerList, requireOffer, saveOfferVersion, setArchived } from '../offers/catalog.ts';
import { proposals, whatIf } from '../offers/proposals.ts';
import { parseOffer } from '../offers/validate.ts';
import { handle, streamCsv } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

/** Who saved and why; the note is optional. */
const metaOf = (body: { author: string; note?: string }) => ({ author: body.author, note: body.note ?? '' });

export function offerRoutes(deps: RouteDeps): Router {
  const { db, cfg } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  // An offer's entry: its current version before, the saved one after.
  const offerEntry = (action: string, offerId: string) => ({
    action,
    target: `offer:${offerId}`,
    before: async () => (await getOffer(db, offerId))?.offer ?? null,
    after: (v: OfferVersion) => v,
  });
  r.get(
    '/offers',
    handle(async (req) => (await offerList(db, inputOf(req, 'GET /api/offers').query.archived === '1')) satisfies OfferList),
  );
  r.get(
    '/offers/proposals',
    handle(async (req) => {
      const { asOf, sort, stage } = inputOf(req, 'GET /api/offers/proposals').query;
      return (await proposals(db, cfg, asOf, sort, stage)) satisfies Proposals;
    }),
  );
  r.post(
    '/offers/what-if',
    handle(async (req) => {
      const { offer, asOf } = inputOf(req, 'POST /api/offers/what-if').body;
      return (await whatIf(db, cfg, offer, asOf)) satisfies WhatIf;
    }),
  );
  r.get(
    '/offers/:id',
    handle(async (req) => (await requireOffer(db, inputOf(req, 'GET /api/offers/:id').path.id)) satisfies OfferWithVersions),
  );
  r.post(
    '/offers',
    handle(async (req, res) => {
      const body = inputOf(req, 'POST /api/offers').body;
      const offer = parseOffer(body.offer);
      const saved = await audited.change(req, offerEntry('offer.create', offer.offerId), () => createOffer(db, offer, metaOf(body)));
      res.status(201).json(saved satisfies OfferVersion);
    }),
  );
  r.put(
    '/offers/:id',
    handle(async (req) => {
      const { path, body } = inputOf(req, 'PUT /api/offers/:id');
      const offer = parseOffer(body.offer, path.id);
      const save = () => saveOfferVersion(db, offer, metaOf(body), body.baseVersion);
      return (await audited.change(req, offerEntry('offer.save', offer.offerId), save)) satisfies OfferVersion;
    }),
  );
  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    r.post(
      `/offers/:id/${action}`,
      handle(async (req) => {
        const { path, body } = inputOf(req, `POST /api/offers/:id/${action}`);
        const id = path.id;
        const m = metaOf(body);
        return (await audited.change(req, offerEntry(`offer.${action}`, id), () => setArchived(db, id, archived, m))) satisfies OfferVersion;
      }),
    );
  }
  r.get(
    '/offers/:id/audience',
    handle(async (req) => {
      const { path, query } = inputOf(req, 'GET /api/offers/:id/audience');
      const { offer } = await requireOffer(db, path.id);
      const { asOf, ...page } = query;
      return (await audiencePage(db, cfg, offer, page, asOf)) satisfies OfferAudience;
    }),
  );
  r.get(
    '/offers/:id/audience.csv',
    handle(async (req, res) => {
      const { path, query } = inputOf(req, 'GET /api/offers/:id/audience.csv');
      const { offer } = await requireOffer(db, path.id);
      const { asOf, sort, lang, header } = query;
      await audited.record(req, { action: 'export.offer_audience', target: `offer:${offer.offerId}`, detail: { asOf, sort } });
      await streamCsv(res, await audienceCsv(db, cfg, offer, sort, asOf, { lang, header }));
    }),
  );
  return r;
}
