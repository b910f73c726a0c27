import type { PlannerReason, ServerPlan, WinBackRate } from '../../contract/winback.ts';
import { subMoney, toUnits } from '../money.ts';
import { retainedOf } from '../offers/economics.ts';

/**
 * New-server planner (DESIGN section 8), pure: for one server's declining
 * (leaving) and lapsed players, how many a fresh server would bring back and
 * what that is worth, and whether it justifies opening one.
 *
 * - expected returning players = the players whose outcome the offer
 *   changes: the chosen offer's assumed rate x the sum of their P(churn), or
 *   the measured rate x the population;
 * - expected revenue = the retained revenue of the offer economics
 *   (server/offers/economics.ts): rate x value at risk, or measured rate x
 *   value if kept, non-payers valued by their chance to convert;
 * - expected cost: what the offer costs for every player invited (its cost
 *   model applied per player by the audience query);
 * - open when the expected returning players reach the configured minimum
 *   (NEW_SERVER_MIN_RETURNING) and the revenue exceeds the cost; otherwise
 *   "not yet", with the first rule that failed as the reason.
 * The server's age and DAU trend are shown beside the numbers and quoted in
 * the reason: they inform the reader, the rule stays on the money.
 */

/** One server's figures before the plan: everything of its plan but the derived numbers and the decision. */
export type ServerBase = Pick<
  ServerPlan,
  | 'serverId'
  | 'leaving'
  | 'lapsed'
  | 'lifetimeSpend'
  | 'expectedClv'
  | 'cost'
  | 'churnSum'
  | 'valueIfKept'
  | 'valueAtRisk'
  | 'ageDays'
  | 'dauRecent'
  | 'dauPrior'
>;

export function planServer(s: ServerBase, rate: WinBackRate, minReturning: number): ServerPlan {
  const population = s.leaving + s.lapsed;
  const trend = s.dauPrior > 0 ? s.dauRecent / s.dauPrior - 1 : null;
  const { changed: expectedReturning, retained: expectedRevenue } = retainedOf({ ...s, members: population }, rate);
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
        rate: rate.rate,
        rateSource: rate.source,
        churnSum: s.churnSum,
        valueAtRisk: s.valueAtRisk,
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
