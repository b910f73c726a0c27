/**
 * Dwyer customer-migration CLV per segment (DESIGN section 7), segment =
 * lifecycle stage x value tier on a stage snapshot. The inputs come from the
 * stored daily snapshots, one period of 30 days back from the as-of day:
 * - margin M per period = the segment's revenue in the 30 days after the
 *   snapshot per player of the segment (refunds netted; revenue stands in
 *   for margin, the game's costs being unknown here);
 * - retention r = the share of the segment's players still in the active base
 *   30 days later (not lapsed and not lost on that day's snapshot);
 * - discount i per period = the monthly discount rate, horizon = the CLV
 *   months (configuration; a 30-day period counts as a month).
 * Everything is returned beside the result, so the page can show the sum.
 */
import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import { segmentRetention } from '../queries/models/segmentRetention.ts';
import { dwyerClv } from './dwyer.ts';
import type { ClvSettings } from './scoring.ts';

export const SEGMENT_PERIOD_DAYS = 30;

export interface SegmentClv {
  stage: string;
  tier: string;
  players: number;
  retained: number;
  /** The segment's revenue over the period (decimal string). */
  revenue: string;
  /** M: revenue per player per period, 4 places. */
  margin: string;
  /** r: retained / players. */
  retention: number;
  /** CLV per player of the segment, 4 places. */
  clv: string;
  /** Each period's discounted expected margin, M r^(t-1) / (1 + i)^t. */
  contributions: number[];
}

export interface SegmentsResult {
  /** The later snapshot day; the segments are those of `from`, a period earlier. */
  asOf: string;
  from: string;
  periodDays: number;
  discount: number;
  horizon: number;
  segments: SegmentClv[];
}

export async function segmentClvs(db: Db, q: { asOf: string; server: string }, clv: ClvSettings): Promise<SegmentsResult> {
  const from = addDays(q.asOf, -SEGMENT_PERIOD_DAYS);
  const periods = await segmentRetention(db, { from, to: q.asOf, server: q.server });
  const segments = periods.map((s) => {
    const players = Number(s.players);
    const margin = Number(s.revenue) / players;
    const retention = Number(s.retained) / players;
    const result = dwyerClv({ margin, retention, discount: clv.monthlyDiscount, horizon: clv.horizonMonths });
    return {
      ...s,
      players,
      retained: Number(s.retained),
      margin: margin.toFixed(4),
      retention,
      clv: result.clv.toFixed(4),
      contributions: result.contributions.map((c) => Number(c.toFixed(4))),
    };
  });
  return { asOf: q.asOf, from, periodDays: SEGMENT_PERIOD_DAYS, discount: clv.monthlyDiscount, horizon: clv.horizonMonths, segments };
}
