import type { OfferKind } from '../../contract/enums.ts';
import type { OfferVersion } from '../../contract/offers.ts';
import {
  DECISIONS,
  REWARD_TIERS,
  type RescueDecision,
  type RescueReason,
  type RescueTotals,
  type RewardTier,
  type WinBackRate,
} from '../../contract/winback.ts';
import { fromUnits, scaleMoney, toUnits } from '../money.ts';

/**
 * Rescue or let go (DESIGN section 8), as pure functions: a declining player
 * is worth rescuing when P(win back) x expected CLV if back > the cost of the
 * reward offered, and the reward grows with the player's value.
 *
 * P(win back) = win-back rate x P(alive):
 * - the win-back rate is the returning_reward offer's measured return-rate
 *   uplift when a complete launch of it measured one, else its assumed rate;
 * - P(alive) is the engagement model's probability the player is still alive
 *   (a player the model thinks is gone answers a reward less often). An
 *   unscored player (no engagement run, or newer than it) gets the rate alone,
 *   and the explanation says so.
 * Expected CLV if back is the monetary model's CLV, or the audience fallback
 * (server/offers/audience.ts) when the player has no monetary score. The
 * model CLV is already weighted by the player's chance to be alive, so the
 * product is a conservative estimate.
 */

/**
 * The reward table: a tier is chosen by the player's expected CLV, as a
 * multiple of the returning_reward offer's cost per player, and costs a
 * multiple of it. Ordered from the largest threshold down.
 */
export const TIER_TABLE: readonly { tier: RewardTier; minClvMultiple: number; costMultiple: number }[] = [
  { tier: 'large', minClvMultiple: 60, costMultiple: 4 },
  { tier: 'medium', minClvMultiple: 20, costMultiple: 2 },
  { tier: 'small', minClvMultiple: 0, costMultiple: 1 },
];

/** The measured rate wins over the assumption once a launch has measured one; both clamp to [0, 1]. */
export function winBackRate(assumed: number, measured: { rate: number; launchId: string } | null): WinBackRate {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  if (measured && Number.isFinite(measured.rate)) return { rate: clamp(measured.rate), source: 'measured', launchId: measured.launchId };
  return { rate: clamp(assumed), source: 'assumed', launchId: null };
}

/** The tier for an expected CLV (decimal string) given the base reward cost; its cost as a decimal string. */
export function rewardTier(expectedClv: string, baseCost: string): { tier: RewardTier; cost: string } {
  const clv = toUnits(expectedClv);
  const base = toUnits(baseCost);
  const row = TIER_TABLE.find((t) => clv >= base * BigInt(t.minClvMultiple)) ?? TIER_TABLE[TIER_TABLE.length - 1];
  return { tier: row.tier, cost: fromUnits(base * BigInt(row.costMultiple)) };
}

export interface RescueInput {
  /** Engagement P(alive); null when the player is not scored. */
  pAlive: number | null;
  expectedClv: string;
  clvSource: 'model' | 'fallback';
}

export interface RescueVerdict {
  pWinBack: number;
  /** P(win back) x expected CLV, 4 places. */
  expectedReturn: string;
  tier: RewardTier;
  cost: string;
  decision: RescueDecision;
  reason: RescueReason;
}

export function decideRescue(p: RescueInput, rate: WinBackRate, baseCost: string): RescueVerdict {
  const pWinBack = rate.rate * (p.pAlive ?? 1);
  const expectedReturn = scaleMoney(p.expectedClv, pWinBack);
  const { tier, cost } = rewardTier(p.expectedClv, baseCost);
  const rescue = toUnits(expectedReturn) > toUnits(cost);
  const values = {
    pWinBack,
    winBackRate: rate.rate,
    rateSource: rate.source,
    pAlive: p.pAlive ?? '',
    pAliveScored: p.pAlive !== null,
    expectedClv: p.expectedClv,
    clvSource: p.clvSource,
    expectedReturn,
    tier,
    cost,
  };
  const code = rescue ? 'rescue' : toUnits(p.expectedClv) <= 0n ? 'let_go_no_value' : 'let_go_cost';
  return { pWinBack, expectedReturn, tier, cost, decision: rescue ? 'rescue' : 'let_go', reason: { code, values } };
}

/** Players and money (ten-thousandths) of one (decision, tier) group. */
export interface GroupSums {
  decision: RescueDecision;
  tier: RewardTier;
  players: number;
  cost: bigint;
  ret: bigint;
  clv: bigint;
}

/** Counts and money per (decision, tier), every pair present (zeros included) in a fixed order; several sums of one group add up. */
export function totalsTable(groups: readonly GroupSums[]): RescueTotals[] {
  const acc = new Map<string, { players: number; cost: bigint; ret: bigint; clv: bigint }>();
  for (const d of DECISIONS) for (const t of REWARD_TIERS) acc.set(`${d}/${t}`, { players: 0, cost: 0n, ret: 0n, clv: 0n });
  for (const g of groups) {
    const a = acc.get(`${g.decision}/${g.tier}`)!;
    a.players += g.players;
    a.cost += g.cost;
    a.ret += g.ret;
    a.clv += g.clv;
  }
  return DECISIONS.flatMap((decision) =>
    REWARD_TIERS.map((tier) => {
      const a = acc.get(`${decision}/${tier}`)!;
      return { decision, tier, players: a.players, cost: fromUnits(a.cost), expectedReturn: fromUnits(a.ret), expectedClv: fromUnits(a.clv) };
    }),
  );
}

/**
 * The catalog offer that prices a win-back move: the enabled, not archived
 * offer of the kind whose active dates cover the day; with several, the
 * first by id, so the choice is stable. Null when the catalog has none.
 */
export function activeOfferOf(offers: readonly OfferVersion[], kind: OfferKind, asOf: string): OfferVersion | null {
  const fit = offers.filter((o) => o.kind === kind && o.enabled && !o.archived && o.activeFrom <= asOf && (o.activeTo === null || o.activeTo >= asOf));
  return fit.sort((a, b) => (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0))[0] ?? null;
}
