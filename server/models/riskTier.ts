/**
 * Churn-risk tiers from the engagement BG/NBD scores: the one place their
 * thresholds live. A player's tier is the first whose limits they fall
 * below, on either measure:
 * - P(alive): the model's probability the player has not dropped out;
 * - expected active days in the next 30 days.
 * P(alive) alone would rate every player who came on a single day as alive
 * (BG/NBD lets a player drop out only after a repeat visit), so the expected
 * days catch the one-day players long gone quiet, whose expected visits the
 * model shrinks with every idle day.
 */
import { RISK_TIER_KEYS, type RiskTier } from '../../contract/enums.ts';

export const RISK_TIERS: readonly { tier: RiskTier; belowPAlive: number; belowExpectedDays30: number }[] = [
  { tier: 'gone', belowPAlive: 0.1, belowExpectedDays30: 0.1 },
  { tier: 'high', belowPAlive: 0.5, belowExpectedDays30: 1 },
  { tier: 'medium', belowPAlive: 0.8, belowExpectedDays30: 4 },
  { tier: 'low', belowPAlive: Infinity, belowExpectedDays30: Infinity },
];

export type { RiskTier };

/** Highest risk first: the order of `sort=risk` lists. */
export const RISK_ORDER: readonly RiskTier[] = RISK_TIER_KEYS;

export function riskTier(pAlive: number, expectedDays30: number): RiskTier {
  for (const t of RISK_TIERS) if (pAlive < t.belowPAlive || expectedDays30 < t.belowExpectedDays30) return t.tier;
  return 'low';
}
