import type { AudienceTotals, Economics, OfferDefinition, ProposalSort, Reason, ReasonCode } from '../../contract/offers.ts';
import { isZero, moneyRatio, scaleMoney, subMoney, toUnits } from '../money.ts';

/**
 * The economics of one proposal (DESIGN section 8), pure:
 * - cost: what the rewards of the whole audience cost (sum of per-member costs);
 * - retained: expected retained revenue = assumed uplift x total expected CLV;
 * - net = retained - cost; ROI = net / cost, null when the offer costs nothing.
 * Money stays decimal (4 places, half away from zero); ROI is a ratio.
 */

type Priced = Pick<OfferDefinition, 'stages' | 'conditions' | 'assumedUplift'>;

/** Who the audience is, as reason values: lists comma-joined, open bounds left out. */
function audienceValues(offer: Priced): Record<string, string | number> {
  const c = offer.conditions;
  const v: Record<string, string | number> = { stages: offer.stages.join(',') };
  if (c.statuses.length) v.statuses = c.statuses.join(',');
  if (c.tiers.length) v.tiers = c.tiers.join(',');
  if (c.minIdleDays !== null) v.minIdle = c.minIdleDays;
  if (c.maxIdleDays !== null) v.maxIdle = c.maxIdleDays;
  if (c.minLevel !== null) v.minLevel = c.minLevel;
  if (c.maxLevel !== null) v.maxLevel = c.maxLevel;
  return v;
}

export function economics(offer: Priced, totals: AudienceTotals): Economics {
  const retained = scaleMoney(totals.totalClv, offer.assumedUplift);
  const net = subMoney(retained, totals.totalCost);
  const roi = moneyRatio(net, totals.totalCost);
  const code: ReasonCode = totals.members === 0 ? 'empty' : isZero(totals.totalClv) ? 'no_value' : toUnits(net) >= 0n ? 'pays' : 'loses';
  const reason: Reason = {
    code,
    values: {
      ...audienceValues(offer),
      members: totals.members,
      clv: totals.totalClv,
      uplift: offer.assumedUplift,
      retained,
      cost: totals.totalCost,
      net,
      fallback: totals.fallbackClv,
    },
  };
  return { ...totals, retained, net, roi, reason };
}

const money = (v: string | number, currency: string) =>
  `${currency} ${Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The reason in English, for API clients, logs and reports that do not word it themselves. */
export function reasonText(reason: Reason, currency: string): string {
  const v = reason.values;
  const who = [
    `${v.members} ${String(v.stages).replaceAll(',', '/')}`,
    v.statuses ? `(${String(v.statuses).replaceAll(',', '/')})` : '',
    v.tiers ? String(v.tiers).replaceAll(',', '/') : '',
    'players',
    v.minIdle !== undefined || v.maxIdle !== undefined ? `idle ${v.minIdle ?? 0}-${v.maxIdle ?? '∞'} days` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const pct = `${Math.round(Number(v.uplift) * 1000) / 10}%`;
  switch (reason.code) {
    case 'empty':
      return 'nobody matches the offer on this day';
    case 'no_value':
      return `${who} match but carry no expected value the models can see; the rewards cost ${money(v.cost, currency)}`;
    case 'pays':
      return `${who} carry ${money(v.clv, currency)} of expected value; at a ${pct} rate that is ${money(v.retained, currency)} back for ${money(v.cost, currency)} of rewards`;
    case 'loses':
      return `${who} carry ${money(v.clv, currency)} of expected value; at a ${pct} rate that is only ${money(v.retained, currency)} back for ${money(v.cost, currency)} of rewards`;
  }
}

/**
 * Orders proposals, largest first; an ROI of null (a free offer) sorts after
 * every priced one, and ties go by offer id so the order is stable.
 */
export function sortProposals<T extends { offerId: string; economics: Economics }>(list: T[], sort: ProposalSort): T[] {
  const key = (e: Economics): bigint | number | null => {
    switch (sort) {
      case 'roi':
        return e.roi;
      case 'net':
        return toUnits(e.net);
      case 'cost':
        return toUnits(e.totalCost);
      case 'retained':
        return toUnits(e.retained);
      case 'audience':
        return e.members;
    }
  };
  return [...list].sort((a, b) => {
    const ka = key(a.economics);
    const kb = key(b.economics);
    if (ka === null || kb === null) return ka === kb ? a.offerId.localeCompare(b.offerId) : ka === null ? 1 : -1;
    return kb > ka ? 1 : kb < ka ? -1 : a.offerId.localeCompare(b.offerId);
  });
}
