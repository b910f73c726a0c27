import type { PlannerReason, ServerPlan } from '../../contract/winback.ts';
import { scaleMoney, subMoney, toUnits } from '../money.ts';

/**
 * New-server planner (DESIGN section 8), pure: for one server's declining
 * (leaving) and lapsed players, how many a fresh server would bring back and
 * what that is worth, and whether it justifies opening one.
 *
 * - expected returning players = population x the new_server offer's win-back rate;
 * - expected revenue = the rate x the population's expected CLV (the same
 *   "uplift x expected CLV" as the offer proposals);
 * - expected cost: what the offer costs for every player invited (its cost
 *   model applied per player by the audience query);
 * - open when the expected returning players reach the configured minimum
 *   (NEW_SERVER_MIN_RETURNING) and the revenue exceeds the cost; otherwise
 *   "not yet", with the first rule that failed as the reason.
 * The server's age and DAU trend are shown beside the numbers and quoted in
 * the reason: they inform the reader, the rule stays on the money.
 */

/** One server's figures before the plan: everything of its plan but the derived numbers and the decision. */
export type ServerBase = Pick<ServerPlan, 'serverId' | 'leaving' | 'lapsed' | 'lifetimeSpend' | 'expectedClv' | 'cost' | 'ageDays' | 'dauRecent' | 'dauPrior'>;

export function planServer(s: ServerBase, rate: number, minReturning: number): ServerPlan {
  const population = s.leaving + s.lapsed;
  const trend = s.dauPrior > 0 ? s.dauRecent / s.dauPrior - 1 : null;
  const expectedReturning = population * rate;
  const expectedRevenue = scaleMoney(s.expectedClv, rate);
  const expectedCost = s.cost;
  const net = subMoney(expectedRevenue, expectedCost);
  const code: PlannerReason['code'] =
    population === 0
      ? 'no_population'
      : expectedReturning < minReturning
        ? 'too_few_returning'
        : toUnits(expectedRevenue) <= toUnits(expectedCost)
          ? 'cost_exceeds_revenue'
          : 'open';
  return {
    ...s,
    population,
    trend,
    expectedReturning,
    expectedRevenue,
    expectedCost,
    net,
    recommendation: code === 'open' ? 'open' : 'not_yet',
    reason: {
      code,
      values: {
        population,
        leaving: s.leaving,
        lapsed: s.lapsed,
        rate,
        expectedReturning,
        minReturning,
        expectedRevenue,
        expectedCost,
        ageDays: s.ageDays,
        trend,
      },
    },
  };
}
