import type { UpliftUsed } from '../../contract/offers.ts';
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
import { assumedUplift, pChangeOf } from '../offers/economics.ts';

/**
 * Rescue or let go (DESIGN section 8), as pure functions on the offer
 * economics' model (server/offers/economics.ts): a declining player is worth
 * rescuing when P(win back) x value if back > the cost of the reward offered,
 * and the reward grows with that value.
 *
 * - P(win back), the chance the reward changes the outcome: the chosen
 *   offer's assumed rate x the player's P(churn) (a player who comes back
 *   anyway needs no reward), or the return-rate difference the newest
 *   complete launch of its kind measured, for every player alike;
 * - value if back: the player's value if kept (the expected CLV with its
 *   P(alive) divided out, or a non-payer's chance to convert x the value of a
 *   new payer), so being alive is counted once.
 */

/**
 * The reward table: a tier is chosen by the player's value if back, as a
 * multiple of the chosen offer's cost per player, and costs a multiple of
 * it. Ordered from the largest threshold down.
 */
export const TIER_TABLE: readonly { tier: RewardTier; minClvMultiple: number; costMultiple: number }[] = [
  { tier: 'large', minClvMultiple: 60, costMultiple: 4 },
  { tier: 'medium', minClvMultiple: 20, costMultiple: 2 },
  { tier: 'small', minClvMultiple: 0, costMultiple: 1 },
];

/** The measured rate wins over the assumption once a launch has measured one; both clamp to [0, 1]. */
export function winBackRate(assumed: number, measured: UpliftUsed | undefined | null): WinBackRate {
  return measured ?? assumedUplift(assumed);
}

/** The tier for a value if back (decimal string) given the base reward cost; its cost as a decimal string. */
export function rewardTier(value: string, baseCost: string): { tier: RewardTier; cost: string } {
  const v = toUnits(value);
  const base = toUnits(baseCost);
  const row = TIER_TABLE.find((t) => v >= base * BigInt(t.minClvMultiple)) ?? TIER_TABLE[TIER_TABLE.length - 1];
  return { tier: row.tier, cost: fromUnits(base * BigInt(row.costMultiple)) };
}

export interface RescueInput {
  /** Engagement P(alive); null when the player is not scored. */
  pAlive: number | null;
  pChurn: number;
  /** Whether pChurn is 1 - P(alive) (else the stage's measured churn: unscored, or one active day). */
  churnScored: boolean;
  valueIfKept: string;
  expectedClv: string;
  clvSource: 'model' | 'fallback';
}

export interface RescueVerdict {
  pWinBack: number;
  /** P(win back) x value if back, 4 places. */
  expectedReturn: string;
  tier: RewardTier;
  cost: string;
  decision: RescueDecision;
  reason: RescueReason;
}

export function decideRescue(p: RescueInput, rate: WinBackRate, baseCost: string): RescueVerdict {
  const pWinBack = pChangeOf(p.pChurn, rate);
  const expectedReturn = scaleMoney(p.valueIfKept, pWinBack);
  const { tier, cost } = rewardTier(p.valueIfKept, baseCost);
  const rescue = toUnits(expectedReturn) > toUnits(cost);
  const values = {
    pWinBack,
    winBackRate: rate.rate,
    rateSource: rate.source,
    pChurn: p.pChurn,
    pAlive: p.pAlive ?? '',
    pAliveScored: p.churnScored,
    valueIfKept: p.valueIfKept,
    expectedClv: p.expectedClv,
    clvSource: p.clvSource,
    expectedReturn,
    tier,
    cost,
  };
  const code = rescue ? 'rescue' : toUnits(p.valueIfKept) <= 0n ? 'let_go_no_value' : 'let_go_cost';
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
