import { Router } from 'express';
import type { Deps } from '../deps.ts';
import { audienceTotals, offerAudience } from '../offers/audience.ts';
import { AUDIENCE_SORTS } from '../queries/offers/audienceSql.ts';
import { createOffer, getOffer, listOffers, saveOfferVersion, setArchived, type SaveMeta } from '../offers/catalog.ts';
import { economics, PROPOSAL_SORTS } from '../offers/economics.ts';
import { proposals, whatIf } from '../offers/proposals.ts';
import { STAGES } from '../offers/types.ts';
import { errorSummary, validateOffer, type OfferError } from '../offers/validate.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { invalid, notFound } from '../domainError.ts';
import { handle } from './http.ts';
import { bodyText, parseChoice, parseDay, parseWhole, queryString } from './params.ts';

type Body = Record<string, unknown>;

const meta = (body: Body): SaveMeta => ({ author: bodyText(body, 'author', 64, true), note: bodyText(body, 'note', 500, false) });

function bodyOf(req: { body?: unknown }): Body {
  const b = req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw invalid('the body must be a JSON object');
  return b as Body;
}

/** A 400 that carries every field error, so the editor can show each next to its input. */
const invalidOffer = (errors: OfferError[]) => invalid(`the offer is not valid: ${errorSummary(errors)}`, { errors });

function offerBody(body: Body): unknown {
  if (typeof body.offer !== 'object' || body.offer === null || Array.isArray(body.offer)) throw invalid('the body must hold "offer": {...the definition}');
  return body.offer;
}

const asOfParam = (q: Record<string, unknown>): string | undefined => {
  const raw = queryString(q, 'asOf');
  return raw === undefined ? undefined : parseDay(raw, 'asOf');
};

export function offerRoutes({ db, cfg }: Deps): Router {
  const r = Router();
  r.get(
    '/offers',
    handle(async (req) => ({ offers: await listOffers(db, parseChoice(req.query, 'archived', ['0', '1'], '0') === '1') })),
  );
  r.get(
    '/offers/proposals',
    handle(async (req) => {
      const sort = parseChoice(req.query, 'sort', PROPOSAL_SORTS, 'roi');
      const stage = queryString(req.query, 'stage') === undefined ? undefined : parseChoice(req.query, 'stage', STAGES);
      return { currency: cfg.baseCurrency, ...(await proposals(db, cfg, asOfParam(req.query), sort, stage)) };
    }),
  );
  r.post(
    '/offers/what-if',
    handle(async (req) => {
      const body = bodyOf(req);
      const asOf = typeof body.asOf === 'string' && body.asOf ? parseDay(body.asOf, 'asOf') : undefined;
      return { currency: cfg.baseCurrency, ...(await whatIf(db, cfg, offerBody(body), asOf)) };
    }),
  );
  r.get(
    '/offers/:id',
    handle(async (req) => {
      const found = await getOffer(db, String(req.params.id));
      if (!found) throw notFound(`no offer with id "${req.params.id}"`);
      return found;
    }),
  );
  r.post(
    '/offers',
    handle(async (req, res) => {
      const body = bodyOf(req);
      const { offer, errors } = validateOffer(offerBody(body));
      if (errors.length) throw invalidOffer(errors);
      const saved = await createOffer(db, offer, meta(body));
      res.status(201).json(saved);
    }),
  );
  r.put(
    '/offers/:id',
    handle(async (req) => {
      const body = bodyOf(req);
      const { offer, errors } = validateOffer(offerBody(body), String(req.params.id));
      if (errors.length) throw invalidOffer(errors);
      const base = body.baseVersion === undefined || body.baseVersion === null ? undefined : Number(body.baseVersion);
      if (base !== undefined && !(Number.isInteger(base) && base >= 1)) throw invalid(`baseVersion must be a version number from 1, got "${String(body.baseVersion)}"`);
      return saveOfferVersion(db, offer, meta(body), base);
    }),
  );
  for (const [action, archived] of [['archive', true], ['restore', false]] as const) {
    r.post(
      `/offers/:id/${action}`,
      handle(async (req) => setArchived(db, String(req.params.id), archived, meta(bodyOf(req)))),
    );
  }
  r.get(
    '/offers/:id/audience',
    handle(async (req) => {
      const found = await getOffer(db, String(req.params.id));
      if (!found) throw notFound(`no offer with id "${req.params.id}"`);
      const page = {
        limit: parseWhole(req.query, 'limit', 50, 1, 1000),
        offset: parseWhole(req.query, 'offset', 0, 0, 100_000_000),
        sort: parseChoice(req.query, 'sort', AUDIENCE_SORTS, 'clv'),
      };
      const asOf = asOfParam(req.query) ?? (await dataDays(db)).maxDay;
      if (!asOf) return { asOf: null, offer: found.offer, totals: null, economics: null, members: [], ...page };
      const [totals, { members }] = await Promise.all([audienceTotals(db, cfg, found.offer, asOf), offerAudience(db, cfg, found.offer, asOf, page)]);
      return { asOf, currency: cfg.baseCurrency, offer: found.offer, totals, economics: economics(found.offer, totals), members, ...page };
    }),
  );
  return r;
}
