import { ACTIVE_DAY, PAYING_DAY } from './activity.ts';

/**
 * Day windows and the active-player counts over them (DESIGN section 5):
 * DAU / WAU / MAU are the distinct active players in the 1 / 7 / 30 days
 * ending on a day, inclusive.
 */
export const ACTIVE_WINDOWS = { dau: 1, wau: 7, mau: 30 } as const;

/** The Date parameters a window may end on: an allow-list, so only these names reach the SQL text. */
const END_PARAMS = ['to', 'asOf', 'as_of'] as const;
export type EndParam = (typeof END_PARAMS)[number];

function endOf(param: EndParam): string {
  if (!END_PARAMS.includes(param)) throw new RangeError(`not a window end parameter: ${String(param)}`);
  return `{${param}:Date}`;
}

/**
 * A window length: a whole number of days, or an SQL expression built from
 * constants (the stage window's threshold reference), never input.
 */
export type WindowDays = number | string;

/**
 * Rows of the `days` days ending on the day in {end:Date}, inclusive. Only
 * the lower bound: the query already reads no row after the end.
 */
export function lastDays(end: EndParam, days: WindowDays): string {
  return `day > ${endOf(end)} - ${days}`;
}

/** Rows of the `days` days just before the last `days` days ending on {end:Date}. */
export function priorDays(end: EndParam, days: WindowDays): string {
  return `day <= ${endOf(end)} - ${days} AND day > ${endOf(end)} - 2 * ${days}`;
}

/** Distinct active players among a group's rows, optionally only those matching `rows`
 * (a constant SQL condition, such as a window from this module). */
export function activePlayers(rows?: string): string {
  return `uniqExactIf(player_id, ${ACTIVE_DAY}${rows ? ` AND ${rows}` : ''})`;
}

/** Distinct paying players among a group's rows, optionally only those matching `rows`. */
export function payingPlayers(rows?: string): string {
  return `uniqExactIf(player_id, ${PAYING_DAY}${rows ? ` AND ${rows}` : ''})`;
}

/**
 * Per player, in a query grouped by player: 1 when one of the player's rows is
 * an active (or paying) day matching `rows`, else 0. Counting these flags over
 * the players gives the same numbers as activePlayers / payingPlayers, with one
 * grouping of the players for several windows instead of a set of ids per window.
 */
export function wasActive(rows: string): string {
  return `max(${ACTIVE_DAY} AND ${rows})`;
}

export function hasPaid(rows: string): string {
  return `max(${PAYING_DAY} AND ${rows})`;
}
