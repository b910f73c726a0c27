import type { AudienceTotals, AudienceValue, Economics, OfferDefinition, ProposalSort, Reason, ReasonCode, UpliftUsed } from '../../contract/offers.ts';
import { isZero, moneyRatio, scaleMoney, subMoney, toUnits } from '../money.ts';

/**
 * Offer economics (DESIGN section 8), pure. One model prices the proposals,
 * the rescue decision and the new-server planner:
 *
 *   retained = sum over the audience of
 *              P(offer changes the outcome) x (value if kept - value if not)
 *
 * - value if not = 0: a player who leaves brings nothing more.
 * - value if kept: what the player brings over the CLV horizon if they stay.
 *   A payer's expected CLV already counts the chance they are alive, so it is
 *   divided by that P(alive) (server/queries/offers/audienceSql.ts): counting
 *   it again would weigh being alive twice. A non-payer is worth their stage's
 *   measured chance to convert (among the non-payers who stayed) x the mean
 *   value of the game's new payers (valueFactors.ts).
 * - P(offer changes the outcome): a player who stays anyway brings no
 *   incremental value, so the assumed uplift applies to P(churn)
 *   (1 - engagement P(alive), or the stage's measured churn without a score):
 *   uplift x P(churn). Once a launch of the offer's kind has a complete
 *   window, its measured return-rate difference (treatment - holdout), with
 *   its 95% interval, replaces it for every member alike (measuredUplift.ts).
 * So, summed: retained = uplift x value at risk (sum of P(churn) x value if
 * kept) when assumed, and measured rate x value if kept when measured.
 * cost: the rewards of the whole audience (a share-of-spend reward is paid on
 * every member's expected spend, also by those who would stay anyway, so its
 * ROI depends on the audience's churn); net = retained - cost;
 * ROI = net / cost, null when the offer costs nothing.
 * Money stays decimal (4 places, half away from zero); ratios enter as millionths.
 */

type Priced = Pick<OfferDefinition, 'stages' | 'conditions' | 'assumedUplift'>;

/** The assumed uplift of an offer, as used until a launch measures one. */
export const assumedUplift = (rate: number): UpliftUsed => ({ source: 'assumed', rate: clamp01(rate), ci: null, launchId: null, launchOfferId: null });

export const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** The chance the offer changes one player's outcome. */
export const pChangeOf = (pChurn: number, u: Pick<UpliftUsed, 'source' | 'rate'>): number => (u.source === 'measured' ? u.rate : u.rate * pChurn);

export interface Retained {
  /** Expected players whose outcome changes. */
  changed: number;
  retained: string;
  low: string | null;
  high: string | null;
}

/** The retained revenue of an audience's value sums under an uplift (see the header). */
export function retainedOf(v: Pick<AudienceValue, 'churnSum' | 'valueIfKept' | 'valueAtRisk'> & { members: number }, u: UpliftUsed): Retained {
  if (u.source === 'assumed') return { changed: u.rate * v.churnSum, retained: scaleMoney(v.valueAtRisk, u.rate), low: null, high: null };
  return {
    changed: u.rate * v.members,
    retained: scaleMoney(v.valueIfKept, u.rate),
    low: u.ci ? scaleMoney(v.valueIfKept, u.ci.low) : null,
    high: u.ci ? scaleMoney(v.valueIfKept, u.ci.high) : null,
  };
}

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

/** Prices an audience under an uplift; `uplift` defaults to the offer's assumed one. */
export function economics(offer: Priced, totals: AudienceTotals, uplift: UpliftUsed = assumedUplift(offer.assumedUplift)): Economics {
  const r = retainedOf(totals, uplift);
  const net = subMoney(r.retained, totals.totalCost);
  const roi = moneyRatio(net, totals.totalCost);
  const code: ReasonCode = totals.members === 0 ? 'empty' : isZero(totals.valueIfKept) ? 'no_value' : toUnits(net) >= 0n ? 'pays' : 'loses';
  const reason: Reason = {
    code,
    values: {
      ...audienceValues(offer),
      members: totals.members,
      payers: totals.payers,
      churn: totals.members ? totals.churnSum / totals.members : 0,
      kept: totals.valueIfKept,
      atRisk: totals.valueAtRisk,
      source: uplift.source,
      uplift: uplift.rate,
      retained: r.retained,
      cost: totals.totalCost,
      net,
    },
  };
  return { ...totals, uplift, changed: r.changed, retained: r.retained, retainedLow: r.low, retainedHigh: r.high, net, roi, reason };
}

const money = (v: string | number, currency: string) =>
  `${currency} ${Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (x: string | number) => `${Math.round(Number(x) * 1000) / 10}%`;

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
  const chance =
    v.source === 'measured'
      ? `the ${pct(v.uplift)} a launch measured, of ${money(v.kept, currency)} they bring if kept,`
      : `a ${pct(v.uplift)} uplift on their ${pct(v.churn)} mean churn risk, of ${money(v.atRisk, currency)} at risk,`;
  switch (reason.code) {
    case 'empty':
      return 'nobody matches the offer on this day';
    case 'no_value':
      return `${who} match but bring no value the models can see, even if kept; the rewards cost ${money(v.cost, currency)}`;
    case 'pays':
      return `${who}: ${chance} is ${money(v.retained, currency)} back for ${money(v.cost, currency)} of rewards`;
    case 'loses':
      return `${who}: ${chance} is only ${money(v.retained, currency)} back for ${money(v.cost, currency)} of rewards`;
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
