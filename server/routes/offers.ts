import type { Router } from 'express';
import { STAGES } from '../../contract/enums.ts';
import {
  AUDIENCE_SORTS,
  PROPOSAL_SORTS,
  type OfferAudience,
  type OfferList,
  type OfferVersion,
  type OfferWithVersions,
  type Proposals,
  type WhatIf,
} from '../../contract/offers.ts';
import { auditor } from '../audit/audited.ts';
import { invalid } from '../domainError.ts';
import { audiencePage } from '../offers/audience.ts';
import { createOffer, getOffer, offerList, requireOffer, saveOfferVersion, setArchived, type SaveMeta } from '../offers/catalog.ts';
import { proposals, whatIf } from '../offers/proposals.ts';
import { parseOffer } from '../offers/validate.ts';
import { handle } from './http.ts';
import { bodyText, jsonBody, parseChoice, parseDay, parseWhole, queryString } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

type Body = Record<string, unknown>;

const meta = (body: Body): SaveMeta => ({ author: bodyText(body, 'author', 64, true), note: bodyText(body, 'note', 500, false) });

function offerBody(body: Body): unknown {
  if (typeof body.offer !== 'object' || body.offer === null || Array.isArray(body.offer)) throw invalid('the body must hold "offer": {...the definition}');
  return body.offer;
}

const asOfParam = (q: Record<string, unknown>): string | undefined => {
  const raw = queryString(q, 'asOf');
  return raw === undefined ? undefined : parseDay(raw, 'asOf');
};

function baseVersionOf(body: Body): number | undefined {
  const base = body.baseVersion === undefined || body.baseVersion === null ? undefined : Number(body.baseVersion);
  if (base !== undefined && !(Number.isInteger(base) && base >= 1))
    throw invalid(`baseVersion must be a version number from 1, got "${String(body.baseVersion)}"`);
  return base;
}

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
    handle(async (req) => (await offerList(db, parseChoice(req.query, 'archived', ['0', '1'], '0') === '1')) satisfies OfferList),
  );
  r.get(
    '/offers/proposals',
    handle(async (req) => {
      const sort = parseChoice(req.query, 'sort', PROPOSAL_SORTS, 'roi');
      const stage = queryString(req.query, 'stage') === undefined ? undefined : parseChoice(req.query, 'stage', STAGES);
      return (await proposals(db, cfg, asOfParam(req.query), sort, stage)) satisfies Proposals;
    }),
  );
  r.post(
    '/offers/what-if',
    handle(async (req) => {
      const body = jsonBody(req.body);
      const asOf = typeof body.asOf === 'string' && body.asOf ? parseDay(body.asOf, 'asOf') : undefined;
      return (await whatIf(db, cfg, offerBody(body), asOf)) satisfies WhatIf;
    }),
  );
  r.get(
    '/offers/:id',
    handle(async (req) => (await requireOffer(db, String(req.params.id))) satisfies OfferWithVersions),
  );
  r.post(
    '/offers',
    handle(async (req, res) => {
      const body = jsonBody(req.body);
      const offer = parseOffer(offerBody(body));
      const saved = await audited.change(req, offerEntry('offer.create', offer.offerId), () => createOffer(db, offer, meta(body)));
      res.status(201).json(saved satisfies OfferVersion);
    }),
  );
  r.put(
    '/offers/:id',
    handle(async (req) => {
      const body = jsonBody(req.body);
      const offer = parseOffer(offerBody(body), String(req.params.id));
      const base = baseVersionOf(body);
      return (await audited.change(req, offerEntry('offer.save', offer.offerId), () => saveOfferVersion(db, offer, meta(body), base))) satisfies OfferVersion;
    }),
  );
  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    r.post(
      `/offers/:id/${action}`,
      handle(async (req) => {
        const id = String(req.params.id);
        const m = meta(jsonBody(req.body));
        return (await audited.change(req, offerEntry(`offer.${action}`, id), () => setArchived(db, id, archived, m))) satisfies OfferVersion;
      }),
    );
  }
  r.get(
    '/offers/:id/audience',
    handle(async (req) => {
      // The offer is looked up before the query is read, so an unknown id answers 404 whatever the query says.
      const { offer } = await requireOffer(db, String(req.params.id));
      const page = {
        limit: parseWhole(req.query, 'limit', 50, 1, 1000),
        offset: parseWhole(req.query, 'offset', 0, 0, 100_000_000),
        sort: parseChoice(req.query, 'sort', AUDIENCE_SORTS, 'clv'),
      };
      return (await audiencePage(db, cfg, offer, page, asOfParam(req.query))) satisfies OfferAudience;
    }),
  );
  return r;
}
