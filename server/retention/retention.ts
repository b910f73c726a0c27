import type { Day } from '../../contract/common.ts';
import type { CohortAnswer, Grain, LtvCohort, LtvTriangle, Retention, RetentionCohort, RetentionFilters, RetentionMode } from '../../contract/retention.ts';
import type { Db } from '../db/client.ts';
import { cohortSizes } from '../queries/retention/cohortSizes.ts';
import { cumulativeRevenue } from '../queries/retention/cumulativeRevenue.ts';
import type { CohortFilter } from '../queries/retention/filter.ts';
import { filterOptions } from '../queries/retention/filterOptions.ts';
import { retainedPlayers } from '../queries/retention/retainedPlayers.ts';
import { storedCohortSizes } from '../queries/retention/storedCohortSizes.ts';
import { storedFilterOptions } from '../queries/retention/storedFilterOptions.ts';
import { storedRetained } from '../queries/retention/storedRetained.ts';
import { storedRevenue } from '../queries/retention/storedRevenue.ts';
import { storedOrLive } from './aggregatesReady.ts';
import { addDays } from '../days.ts';

/** The first day of period n of a cohort (n days or n weeks after its start). */
export const periodStart = (grain: Grain, cohort: string, n: number) => addDays(cohort, grain === 'day' ? n : 7 * n);

/** D0..D30 for daily cohorts, W0..W12 for weekly ones. */
export const MAX_N: Record<Grain, number> = { day: 30, week: 12 };

/** The last day of period n of a cohort. */
export const periodEnd = (grain: Grain, cohort: string, n: number) => addDays(periodStart(grain, cohort, n + 1), -1);

/**
 * The cohort's period that has started by the last day with data but not
 * ended by the last complete day (a week in progress, or a day still under
 * way), or null: its counts are partial, so it reads low beside complete periods.
 */
export function partialPeriod(grain: Grain, cohort: string, lastDay: string, completeThrough: string): number | null {
  for (let n = 0; n <= MAX_N[grain]; n++) {
    if (periodStart(grain, cohort, n) > lastDay) return null;
    if (periodEnd(grain, cohort, n) > completeThrough) return n;
  }
  return null;
}

/**
 * The pooled retention of each period over the cohorts that observed it in
 * full: retained players over cohort members, summed over those cohorts (a
 * size-weighted mean, so a cohort of 3 counts as 3 players, not as one row);
 * null where no cohort observed the period in full.
 */
export function averageRates(cohorts: readonly RetentionCohort[], periods: number): (number | null)[] {
  return Array.from({ length: periods }, (_, n) => {
    let retained = 0;
    let members = 0;
    for (const c of cohorts) {
      const v = c.players[n];
      if (v === null || v === undefined || c.partialPeriod === n) continue;
      retained += v;
      members += c.size;
    }
    return members > 0 ? retained / members : null;
  });
}

/** A cohort request with its defaults applied, as the queries take it. */
export interface RetentionQuery extends CohortFilter {
  grain: Grain;
  mode: RetentionMode;
}

/** A request that found data: its query, the last day with data and the last complete day (before a day still under way). */
export interface CohortRequest {
  q: RetentionQuery;
  lastDay: Day;
  completeThrough: Day;
}

/** Builds each cohort's row of periods, leaving periods after the last day with data empty rather than zero. */
export function shapeRows<T, V>(
  sizes: { cohort: string; size: number }[],
  cells: T[],
  keyOf: (c: T) => string,
  cellValue: (c: T | undefined) => V,
  grain: Grain,
  lastDay: string,
): { cohort: string; size: number; values: (V | null)[] }[] {
  const byKey = new Map(cells.map((c) => [keyOf(c), c]));
  return sizes.map(({ cohort, size }) => ({
    cohort,
    size: Number(size),
    values: Array.from({ length: MAX_N[grain] + 1 }, (_, n) => (periodStart(grain, cohort, n) > lastDay ? null : cellValue(byKey.get(`${cohort}|${n}`)))),
  }));
}

/** The matrix up to lastDay; periods ending after completeThrough (default: lastDay) are marked partial. */
export async function retentionMatrix(db: Db, q: RetentionQuery, lastDay: string, completeThrough = lastDay): Promise<RetentionCohort[]> {
  const { grain, mode, ...f } = q;
  const [sizes, cells] = await storedOrLive(
    db,
    () => Promise.all([storedCohortSizes(db, grain, f), storedRetained(db, grain, mode, MAX_N[grain], f)]),
    () => Promise.all([cohortSizes(db, grain, f), retainedPlayers(db, grain, mode, MAX_N[grain], f)]),
  );
  return shapeRows(
    sizes,
    cells,
    (c) => `${c.cohort}|${c.n}`,
    (c) => Number(c?.players ?? 0),
    grain,
    lastDay,
  ).map(({ values, ...r }) => ({
    ...r,
    players: values,
    rates: values.map((v) => (v === null || r.size === 0 ? null : v / r.size)),
    partialPeriod: partialPeriod(grain, r.cohort, lastDay, completeThrough),
  }));
}

export async function ltvTriangle(db: Db, q: Omit<RetentionQuery, 'mode'>, lastDay: string, completeThrough: string): Promise<LtvCohort[]> {
  const { grain, ...f } = q;
  const [sizes, cells] = await storedOrLive(
    db,
    () => Promise.all([storedCohortSizes(db, grain, f), storedRevenue(db, grain, MAX_N[grain], f)]),
    () => Promise.all([cohortSizes(db, grain, f), cumulativeRevenue(db, grain, MAX_N[grain], f)]),
  );
  return shapeRows(
    sizes,
    cells,
    (c) => `${c.cohort}|${c.n}`,
    (c) => c?.ltv ?? '0',
    grain,
    lastDay,
  ).map(({ values, ...r }) => ({ ...r, ltv: values, partialPeriod: partialPeriod(grain, r.cohort, lastDay, completeThrough) }));
}

/** GET /api/retention/filters: from the stored cohort members when they are current. */
export async function retentionFilters(db: Db): Promise<RetentionFilters> {
  return storedOrLive(
    db,
    () => storedFilterOptions(db),
    () => filterOptions(db),
  );
}

/** The query as echoed with an answer (the week mode is the server's own setting). */
function echo({ q: { wmode: _w, ...q }, lastDay }: CohortRequest): CohortAnswer {
  return { ...q, lastDay, periods: MAX_N[q.grain] + 1 };
}

/** GET /api/retention: only an empty list before any data. */
export async function retention(db: Db, req: CohortRequest | null): Promise<Retention> {
  if (!req) return { cohorts: [] };
  const cohorts = await retentionMatrix(db, req.q, req.lastDay, req.completeThrough);
  return { ...echo(req), cohorts, average: averageRates(cohorts, MAX_N[req.q.grain] + 1) };
}

/** GET /api/retention/ltv, in the base currency. */
export async function ltv(db: Db, req: CohortRequest | null, currency: string): Promise<LtvTriangle> {
  if (!req) return { cohorts: [] };
  return { ...echo(req), currency, cohorts: await ltvTriangle(db, req.q, req.lastDay, req.completeThrough) };
}
