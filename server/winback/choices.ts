import type { OfferVersion } from '../../contract/offers.ts';
import type { WinbackChoices, WinbackChoicesSave } from '../../contract/winback.ts';
import type { Db } from '../db/client.ts';
import { conflict, invalid } from '../domainError.ts';
import { getOffer } from '../offers/catalog.ts';
import { activeOn } from '../offers/proposals.ts';
import { insertChoices } from '../queries/winback/insertChoices.ts';
import { latestChoices } from '../queries/winback/latestChoices.ts';

/**
 * Which catalog offer prices the rescue decision, which the new-server
 * planner and which rewards the old-comrades referral: the designer's
 * explicit, versioned choice (sql/031, sql/032). Creating or editing any
 * other offer changes none of them. Before the first save the seeded offers
 * are in force (version 0). A chosen offer must exist, not be archived and
 * aim at the decline stage (the players all three moves price); whether it
 * is enabled and active on a day is checked on that day (an inactive choice
 * prices nothing, and the page says so).
 */

export const DEFAULT_CHOICES: WinbackChoices = {
  version: 0,
  rescueOfferId: 'returning-reward',
  newServerOfferId: 'new-server',
  comradesOfferId: 'comrades-referral',
  author: 'system',
  note: 'default: the seeded offers',
  savedAt: null,
};

export async function currentChoices(db: Db): Promise<WinbackChoices> {
  return (await latestChoices(db)) ?? DEFAULT_CHOICES;
}

/** A chosen offer as it prices a move on a day: null when it no longer exists, is archived or is not active then. */
export async function chosenOfferOn(db: Db, offerId: string, asOf: string): Promise<OfferVersion | null> {
  const offer = (await getOffer(db, offerId))?.offer;
  return offer && !offer.archived && activeOn(offer, asOf) ? offer : null;
}

/** Why an offer cannot be chosen for a win-back move; null when it can. */
export function choiceProblem(offerId: string, offer: OfferVersion | null): string | null {
  if (!offer) return `no offer with id "${offerId}"`;
  if (offer.archived) return `offer "${offerId}" is archived; restore it first`;
  if (!offer.stages.includes('decline')) return `offer "${offerId}" is not aimed at the decline stage`;
  return null;
}

// One save at a time in this process, so two saves cannot take the same version.
let queue: Promise<unknown> = Promise.resolve();

/** Saves a new version of the choice; 400 naming the field for an offer that cannot be chosen, 409 over a newer version. */
export function saveChoices(db: Db, body: WinbackChoicesSave): Promise<WinbackChoices> {
  const run = queue.then(async () => {
    for (const [field, id] of [
      ['rescueOfferId', body.rescueOfferId],
      ['newServerOfferId', body.newServerOfferId],
      ['comradesOfferId', body.comradesOfferId],
    ] as const) {
      const problem = choiceProblem(id, (await getOffer(db, id))?.offer ?? null);
      if (problem) throw invalid(`${field}: ${problem}`, { field });
    }
    const now = await currentChoices(db);
    if (body.baseVersion !== undefined && body.baseVersion !== now.version)
      throw conflict(`the win-back offer choice is at version ${now.version} now, not ${body.baseVersion}: reload it and choose again`);
    const saved = {
      version: now.version + 1,
      rescueOfferId: body.rescueOfferId,
      newServerOfferId: body.newServerOfferId,
      comradesOfferId: body.comradesOfferId,
      author: body.author,
      note: body.note ?? '',
      savedAt: new Date().toISOString(),
    };
    await insertChoices(db, saved);
    return saved;
  });
  queue = run.catch(() => undefined);
  return run;
}
