import { COMPARED_FIGURES, type Kpis, type CohortRates } from '../../contract/overview.ts';
import type { Db } from '../db/client.ts';
import { toUnits } from '../money.ts';
import { overview } from '../overview/overview.ts';
import { HEADLINE_FIGURES, type HeadlineSummary, type OffersSummary, type ReportWindow, type StageMixSummary } from './types.ts';

/** How many movements and offers the opening summary names. */
export const HEADLINE_TOP = 3;

/**
 * The opening summary: the Overview page's KPIs for the window's days against
 * the previous window (the same answer the page gives for that range), the
 * stage rows that moved most, and the offers worth most. Movements and offers
 * are picked from the stage mix and offers sections, so the summary and the
 * sections below it agree.
 */
export function headline(
  figures: Kpis & CohortRates,
  previous: Kpis & CohortRates,
  changes: Record<string, number | null>,
  mix: StageMixSummary,
  offers: OffersSummary,
): HeadlineSummary {
  return {
    figures: HEADLINE_FIGURES.map((key) => ({ key, value: figures[key], previous: previous[key], change: changes[key] ?? null, kind: COMPARED_FIGURES[key] })),
    movements: mix.rows
      .map((row, order) => ({ row, order }))
      .filter(({ row }) => row.change !== 0)
      .sort((a, b) => Math.abs(b.row.change) - Math.abs(a.row.change) || a.order - b.order)
      .slice(0, HEADLINE_TOP)
      .map(({ row }) => row),
    offers: offers.offers
      .filter((o) => toUnits(o.net) > 0n)
      .sort((a, b) => (toUnits(b.net) > toUnits(a.net) ? 1 : toUnits(b.net) < toUnits(a.net) ? -1 : a.offerId.localeCompare(b.offerId)))
      .slice(0, HEADLINE_TOP),
  };
}

/** The headline of a window from the Overview's answer for it and the report's stage mix and offers. */
export async function headlineSection(db: Db, w: ReportWindow, mix: StageMixSummary, offers: OffersSummary): Promise<HeadlineSummary> {
  const o = await overview(db, { from: w.from, to: w.to, server: '' });
  return headline({ ...o.kpis, ...o.cohorts }, { ...o.previous.kpis, ...o.previous.cohorts }, o.previous.changes, mix, offers);
}
