import { randomUUID } from 'node:crypto';
import type { LaunchAnswer, WebhookBatch } from '../../contract/launches.ts';
import type { OfferVersion } from '../../contract/offers.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { urlRefusal } from '../delivery/destination.ts';
import { urlHost } from '../delivery/allowList.ts';
import { shownUrl } from '../delivery/shownUrl.ts';
import { postWebhook } from '../delivery/webhook.ts';
import { launches } from '../queries/launches/launches.ts';
import { saveLaunch } from '../queries/launches/saveLaunch.ts';
import { saveLaunchMembers, type LaunchMember } from '../queries/launches/saveLaunchMembers.ts';
import { offerAudience } from '../offers/audience.ts';
import { requireOffer } from '../offers/catalog.ts';
import { fromUnits, toUnits } from '../money.ts';
import { activeOn } from '../offers/proposals.ts';
import { launchSummary } from './list.ts';
import { groupOf, newSeed } from './split.ts';
import { conflict, invalid } from '../domainError.ts';

/**
 * Launching an offer: its audience on a day is frozen with each member's group
 * (a seeded draw, server/launches/split.ts), stage and value, and the treatment
 * group goes to the game's mail system when asked. The holdout gets nothing;
 * it is what the treatment is measured against (server/launches/uplift.ts).
 */

export interface LaunchRequest {
  offerId: string;
  asOf?: string;
  seed?: number;
  windowDays: number;
  holdoutShare?: number;
  webhook: boolean;
  author: string;
  note: string;
  force: boolean;
}

/** Players per webhook request: the mail system takes bounded bodies, each batch is its own delivery. */
export const WEBHOOK_BATCH = 5000;

/** Launches of one offer in progress in this process: a second concurrent one is refused like a same-day duplicate. */
const inFlight = new Set<string>();

export interface WebhookPlayer {
  playerId: string;
  serverId: string;
  reward: string;
}

/** What the game's mail system receives for each batch of a launch's treatment group. */
export function webhookPayload(
  launchId: string,
  offer: OfferVersion,
  asOf: string,
  players: WebhookPlayer[],
  batch: { index: number; count: number; treatment: number },
) {
  return {
    launchId,
    offer: { offerId: offer.offerId, version: offer.version, kind: offer.kind, name: offer.name, reward: offer.reward },
    asOf,
    batch: { index: batch.index, of: batch.count, treatmentPlayers: batch.treatment },
    players,
  };
}

export async function launchOffer(db: Db, cfg: Config, req: LaunchRequest, opts = { batch: WEBHOOK_BATCH }): Promise<LaunchAnswer> {
  if (req.webhook && !cfg.offers.webhookUrl)
    throw invalid(
      'sending to the mail system was asked, but no webhook is configured: set OFFERS_WEBHOOK_URL (and WEBHOOK_SECRET to sign), or launch without the webhook and export the CSV',
      { code: 'launch_no_webhook' },
    );
  // Refused before anything is frozen or sent, so a launch to a place nobody allowed leaves no trace.
  const refused = req.webhook && cfg.offers.webhookUrl ? await urlRefusal(cfg.deliveryAllow, cfg.offers.webhookUrl) : undefined;
  if (refused)
    throw invalid(`${refused}: OFFERS_WEBHOOK_URL is outside the allow-list; an admin adds its host to DELIVERY_ALLOW, or launch without the webhook`, {
      code: 'launch_webhook_refused',
      values: { host: urlHost(cfg.offers.webhookUrl ?? '') ?? '' },
    });
  const { offer } = await requireOffer(db, req.offerId);
  const values = { offer: offer.offerId };
  if (offer.archived) throw invalid(`offer "${offer.offerId}" is archived; restore it before launching`, { code: 'offer_archived', values });
  const maxDay = await resolveAsOf(db);
  if (!maxDay) throw invalid('there is no player data yet: nothing to launch to', { code: 'launch_no_data' });
  const asOf = req.asOf ?? maxDay;
  if (asOf > maxDay) throw invalid(`asOf ${asOf} is after the last day with data (${maxDay})`, { code: 'launch_after_data', values: { asOf, maxDay } });
  // Launching what the catalog says is off (disabled, or outside its dates) would send a reward nobody approved for that day.
  if (!activeOn(offer, asOf))
    throw invalid(
      `offer "${offer.offerId}" is not active on ${asOf} (${offer.enabled ? `active ${offer.activeFrom} to ${offer.activeTo ?? 'open-ended'}` : 'disabled'})`,
      { code: offer.enabled ? 'offer_inactive' : 'offer_disabled', values: { ...values, asOf } },
    );
  if (inFlight.has(offer.offerId)) throw conflict(`a launch of offer "${offer.offerId}" is running; wait for it to finish`, { code: 'launch_running', values });
  inFlight.add(offer.offerId);
  try {
    const earlier = await launches(db, { offer: offer.offerId, asOf, limit: 1 });
    if (earlier.length && !req.force)
      throw conflict(`offer "${offer.offerId}" was launched for ${asOf} already (launch ${earlier[0].launchId}); pass force to launch it again`, {
        code: 'launched_already',
        values: { ...values, asOf },
      });
    return await freezeAndSend(db, cfg, req, offer, asOf, opts.batch);
  } finally {
    inFlight.delete(offer.offerId);
  }
}

async function freezeAndSend(db: Db, cfg: Config, req: LaunchRequest, offer: OfferVersion, asOf: string, batch: number): Promise<LaunchAnswer> {
  const { members: audience } = await offerAudience(db, cfg, offer, asOf);
  if (audience.length === 0)
    throw invalid(`offer "${offer.offerId}" has nobody in its audience on ${asOf}: nothing to launch`, {
      code: 'launch_empty_audience',
      values: { offer: offer.offerId, asOf },
    });
  const seed = req.seed ?? newSeed();
  const holdoutShare = req.holdoutShare ?? offer.holdoutShare;
  const members: LaunchMember[] = audience.map((m) => ({
    playerId: m.playerId,
    group: groupOf(seed, m.playerId, holdoutShare),
    serverId: m.serverId,
    stage: m.stage,
    status: m.status,
    tier: m.tier,
    idleDays: m.idleDays,
    pAlive: m.pAlive,
    expectedClv: m.expectedClv,
    cost: m.cost,
  }));
  const treatment = members.filter((m) => m.group === 'treatment');
  // Only the treatment receives the reward, so only it costs.
  const totalCost = fromUnits(treatment.reduce((s, m) => s + toUnits(m.cost), 0n));
  const launchId = randomUUID();
  await saveLaunchMembers(db, launchId, members);

  const sent: WebhookBatch[] = [];
  const url = req.webhook ? cfg.offers.webhookUrl! : '';
  if (url) {
    const count = Math.ceil(treatment.length / batch);
    for (let i = 0; i < count; i++) {
      const players = treatment.slice(i * batch, (i + 1) * batch).map((m) => ({ playerId: m.playerId, serverId: m.serverId, reward: offer.reward }));
      const out = await postWebhook(db, cfg, {
        subject: 'launch',
        subjectId: launchId,
        url,
        payload: webhookPayload(launchId, offer, asOf, players, { index: i + 1, count, treatment: treatment.length }),
      });
      sent.push({ deliveryId: out.deliveryId, ok: out.ok, attempts: out.attempts.length, players: players.length });
    }
  }
  await saveLaunch(db, {
    launchId,
    offerId: offer.offerId,
    offerVersion: offer.version,
    offerJson: JSON.stringify(offer),
    asOf,
    launchedAt: new Date(),
    author: req.author,
    note: req.note,
    seed,
    holdoutShare,
    windowDays: req.windowDays,
    audience: members.length,
    treatment: treatment.length,
    holdout: members.length - treatment.length,
    totalCost,
    // The record shows where it went, never the endpoint's credentials.
    webhookUrl: url && shownUrl(url),
    // A treatment of nobody (a holdout share that took everyone) sends nothing, which is not a failure.
    webhookStatus: !url ? 'none' : sent.every((s) => s.ok) ? 'ok' : 'failed',
  });
  const [launch] = await launches(db, { launch: launchId, limit: 1 });
  return { launch: launchSummary(launch), webhook: sent };
}
