import type { OfferKind, RiskTier, Stage, Status, ValueTier } from '../../contract/enums.ts';
import type { OfferDefinition, OfferList, OfferTexts, OfferVersion, OfferWithVersions } from '../../contract/offers.ts';
import type { Db } from '../db/client.ts';
import { currentOffers } from '../queries/offers/currentOffers.ts';
import { insertOfferVersion } from '../queries/offers/insertOfferVersion.ts';
import type { OfferRow } from '../queries/offers/offerRows.ts';
import { offerVersions } from '../queries/offers/offerVersions.ts';
import { conflict, notFound } from '../domainError.ts';

/**
 * The offer catalog: versions appended to offer_versions, the highest version
 * of an id being its current definition. Creating, editing, archiving and
 * restoring all write a new version with its author and note, so the history
 * of every offer (and of what a launch froze) stays readable.
 */

export interface SaveMeta {
  author: string;
  note: string;
}

export function rowToVersion(r: OfferRow): OfferVersion {
  return {
    offerId: r.offer_id,
    kind: r.kind as OfferKind,
    name: r.name,
    description: r.description,
    stages: r.stages as Stage[],
    conditions: {
      statuses: r.statuses as Status[],
      tiers: r.tiers as ValueTier[],
      minIdleDays: r.min_idle_days,
      maxIdleDays: r.max_idle_days,
      minLevel: r.min_level,
      maxLevel: r.max_level,
      servers: r.servers,
      minClv: r.min_clv,
      maxClv: r.max_clv,
      riskTiers: r.risk_tiers as RiskTier[],
    },
    reward: r.reward,
    texts: JSON.parse(r.texts || '{}') as OfferTexts,
    cost: { kind: r.cost_kind === 'spend_share' ? 'spend_share' : 'fixed', fixedCost: r.fixed_cost, spendShare: Number(r.spend_share) },
    assumedUplift: Number(r.assumed_uplift),
    holdoutShare: Number(r.holdout_share),
    activeFrom: r.active_from,
    activeTo: r.active_to,
    enabled: Number(r.enabled) === 1,
    version: Number(r.version),
    author: r.author,
    note: r.note,
    savedAt: r.saved_at,
    archived: Number(r.archived) === 1,
  };
}

/** Current offers by name; archived ones hidden unless asked. */
export async function listOffers(db: Db, includeArchived = false): Promise<OfferVersion[]> {
  return (await currentOffers(db, includeArchived)).map(rowToVersion);
}

/** The catalog as GET /api/offers answers it. */
export async function offerList(db: Db, includeArchived: boolean): Promise<OfferList> {
  return { offers: await listOffers(db, includeArchived) };
}

/** One offer's current definition and every version, newest first; null when the id is unknown. */
export async function getOffer(db: Db, offerId: string): Promise<OfferWithVersions | null> {
  const versions = (await offerVersions(db, offerId)).map(rowToVersion);
  return versions.length ? { offer: versions[0], versions } : null;
}

/** Like getOffer, for a caller that names the offer: not_found when the id is unknown. */
export async function requireOffer(db: Db, offerId: string): Promise<OfferWithVersions> {
  const found = await getOffer(db, offerId);
  if (!found) throw notFound(`no offer with id "${offerId}"`);
  return found;
}

// Versions are numbered max + 1: writes go one at a time in this process so two
// saves of the same offer cannot take the same number.
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

async function append(db: Db, def: OfferDefinition, version: number, archived: boolean, meta: SaveMeta): Promise<OfferVersion> {
  const v: OfferVersion = { ...def, version, archived, author: meta.author, note: meta.note, savedAt: new Date().toISOString() };
  await insertOfferVersion(db, v);
  return v;
}

/** Saves version 1 of a new offer; 409 when the id exists (archived ones included). */
export function createOffer(db: Db, def: OfferDefinition, meta: SaveMeta): Promise<OfferVersion> {
  return serialized(async () => {
    if (await getOffer(db, def.offerId)) throw conflict(`an offer with id "${def.offerId}" exists already; edit it or choose another id`);
    return append(db, def, 1, false, meta);
  });
}

/**
 * Saves a new version of an existing offer. `baseVersion`, when given, is the
 * version the editor started from: a save over a newer version is refused
 * (409) instead of silently undoing someone else's edit.
 */
export function saveOfferVersion(db: Db, def: OfferDefinition, meta: SaveMeta, baseVersion?: number): Promise<OfferVersion> {
  return serialized(async () => {
    const found = await getOffer(db, def.offerId);
    if (!found) throw notFound(`no offer with id "${def.offerId}"`);
    if (baseVersion !== undefined && baseVersion !== found.offer.version)
      throw conflict(`offer "${def.offerId}" is at version ${found.offer.version} now, not ${baseVersion}: reload it and edit again`);
    return append(db, def, found.offer.version + 1, found.offer.archived, meta);
  });
}

/** Archives or restores an offer as a new version carrying the current definition. */
export function setArchived(db: Db, offerId: string, archived: boolean, meta: SaveMeta): Promise<OfferVersion> {
  return serialized(async () => {
    const found = await getOffer(db, offerId);
    if (!found) throw notFound(`no offer with id "${offerId}"`);
    if (found.offer.archived === archived) throw conflict(`offer "${offerId}" is ${archived ? 'archived' : 'not archived'} already`);
    const { version: _v, author: _a, note: _n, savedAt: _s, archived: _ar, ...def } = found.offer;
    return append(db, def, found.offer.version + 1, archived, meta);
  });
}

/** The note of the seeded versions; the dashboard words it in the user's language (web/src/lib/systemWords.ts). */
export const DEFAULT_CATALOG_NOTE = 'default catalog (DESIGN section 1)';

/** Saves each definition as version 1 by `system` when the catalog holds no offer at all. Returns how many were seeded. */
export function seedCatalogIfEmpty(db: Db, defs: readonly OfferDefinition[]): Promise<number> {
  return serialized(async () => {
    if ((await currentOffers(db, true)).length > 0) return 0;
    const savedAt = new Date().toISOString();
    for (const def of defs) await insertOfferVersion(db, { ...def, version: 1, archived: false, author: 'system', note: DEFAULT_CATALOG_NOTE, savedAt });
    return defs.length;
  });
}
