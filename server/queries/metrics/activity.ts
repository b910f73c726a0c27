/**
 * What makes a player's day count, as SQL conditions over player_daily rows
 * (DESIGN section 5). Every query, view and report composes these instead of
 * spelling the test again, so a change of definition is made here once.
 * Constant text: no values, no identifiers from input.
 */

/** An active day: at least one session started on it. */
export const ACTIVE_DAY = 'sessions > 0';

/** Table aliases of player_daily that the fragments may be qualified with: an allow-list, so only these reach the SQL text. */
const ROLLUP_ALIASES = ['d', 'pd'] as const;
export type RollupAlias = (typeof ROLLUP_ALIASES)[number];

/** ACTIVE_DAY over an aliased player_daily, for queries that join it. */
export function activeDayOf(alias: RollupAlias): string {
  if (!ROLLUP_ALIASES.includes(alias)) throw new RangeError(`not a player_daily alias: ${String(alias)}`);
  return `${alias}.${ACTIVE_DAY}`;
}

/** A paying day: at least one positive payment (refunds lower revenue but are not payments). */
export const PAYING_DAY = 'payments > 0';

/**
 * A rollup row that carries money, a payment or a refund: the only rows that
 * can change a spend figure, so spend queries read these alone.
 */
export const MONEY_ROW = `(${PAYING_DAY} OR revenue != 0)`;

/**
 * A purchase day of the lifetime models, over the raw payments of one player
 * and day (a HAVING condition): at least one payment that is not a refund. A
 * $0.00 payment counts here, unlike a paying day (see models/sufficientStats.ts).
 */
export const PURCHASE_DAY = 'countIf(amount >= 0) > 0';

/** Distinct active days among the rows of a group. */
export const ACTIVE_DAYS = `uniqExactIf(day, ${ACTIVE_DAY})`;

/** Distinct paying days among the rows of a group. */
export const PAYING_DAYS = `uniqExactIf(day, ${PAYING_DAY})`;
