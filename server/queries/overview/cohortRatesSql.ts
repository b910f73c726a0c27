/**
 * The counts behind the Overview's retention and paying conversion (metric
 * definitions retentionD1/D7/D30 and payingConversion): for each rate, the
 * players of the cohorts whose day n falls in {from:Date}..{to:Date} and those
 * of them active on day n (or, for conversion, paying on day 0..6).
 * Constant SQL only.
 */
import { ACTIVE_DAY, PAYING_DAY } from '../metrics/activity.ts';

/** The days after the first day each rate looks at; conversion's cohorts are those whose day 6 is in the range. */
export const RETENTION_DAYS = [1, 7, 30] as const;
export const CONVERSION_LAST_DAY = 6;
/** The earliest first day any of the rates reads, relative to {from:Date}. */
export const EARLIEST_COHORT = 30;

/** Counts of one range, as every cohort-rate query returns them. */
export interface CohortCounts {
  size1: number;
  retained1: number;
  size7: number;
  retained7: number;
  size30: number;
  retained30: number;
  size6: number;
  payers6: number;
}

/** The first day lies in the cohorts of rate n (day n in the range). */
const inCohortsOf = (first: string, n: number) => `${first} BETWEEN {from:Date} - ${n} AND {to:Date} - ${n}`;

/** Cohort sizes over member rows carrying their first day as `first`. */
export function cohortSizes(first: string): string {
  return [...RETENTION_DAYS, CONVERSION_LAST_DAY].map((n) => `countIf(${inCohortsOf(first, n)}) AS size${n}`).join(', ');
}

/**
 * Members who paid on day 0..6 of a conversion cohort, over `members`
 * (player_id, first_day; constant SQL) joined to the paying days of the range.
 */
export function conversionPayers(members: string): string {
  return `SELECT uniqExact(m.player_id) AS payers6
    FROM (${members}) AS m
    INNER JOIN (
      SELECT DISTINCT player_id, day FROM player_daily
      WHERE ${PAYING_DAY} AND day BETWEEN {from:Date} - ${CONVERSION_LAST_DAY} AND {to:Date}
    ) AS pd ON pd.player_id = m.player_id
    WHERE ${inCohortsOf('m.first_day', CONVERSION_LAST_DAY)} AND pd.day <= m.first_day + ${CONVERSION_LAST_DAY}`;
}

/** Members active on day n of their cohort, per n, over `members` (player_id, first_day) joined to the active days of the range. */
export function retainedFromDays(members: string): string {
  return `SELECT ${RETENTION_DAYS.map((n) => `uniqExactIf(m.player_id, pd.day = m.first_day + ${n}) AS retained${n}`).join(', ')}
    FROM (${members}) AS m
    INNER JOIN (
      SELECT DISTINCT player_id, day FROM player_daily WHERE ${ACTIVE_DAY} AND day BETWEEN {from:Date} AND {to:Date}
    ) AS pd ON pd.player_id = m.player_id`;
}

/** Day n of a cohort lies in the range, so a cell of day = cohort + n counts for rate n. */
export function retainedFromCells(): string {
  return RETENTION_DAYS.map((n) => `sumIf(players, day = cohort + ${n}) AS retained${n}`).join(', ');
}
