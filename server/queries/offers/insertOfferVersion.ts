import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/query.ts';
import type { OfferVersion } from '../../../contract/offers.ts';

/** Appends one version of an offer (versions are never updated in place). */
export async function insertOfferVersion(db: Db, v: OfferVersion): Promise<void> {
  const c = v.conditions;
  await insertRows(db, 'offer_versions', [
    {
      offer_id: v.offerId,
      version: v.version,
      kind: v.kind,
      name: v.name,
      description: v.description,
      stages: v.stages,
      statuses: c.statuses,
      tiers: c.tiers,
      min_idle_days: c.minIdleDays,
      max_idle_days: c.maxIdleDays,
      min_level: c.minLevel,
      max_level: c.maxLevel,
      servers: c.servers,
      min_clv: c.minClv,
      max_clv: c.maxClv,
      risk_tiers: c.riskTiers,
      reward: v.reward,
      texts: JSON.stringify(v.texts),
      cost_kind: v.cost.kind,
      fixed_cost: v.cost.fixedCost,
      spend_share: v.cost.spendShare,
      assumed_uplift: v.assumedUplift,
      holdout_share: v.holdoutShare,
      active_from: v.activeFrom,
      active_to: v.activeTo,
      enabled: v.enabled ? 1 : 0,
      archived: v.archived ? 1 : 0,
      author: v.author,
      note: v.note,
      saved_at: v.savedAt,
    },
  ]);
}
