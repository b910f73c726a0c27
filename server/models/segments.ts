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
import type { ClvSettings, SegmentClv, SegmentClvs } from '../../contract/models.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import { invalid } from '../domainError.ts';
import { snapshotDays } from '../queries/lifecycle/snapshotDays.ts';
import { segmentRetention } from '../queries/models/segmentRetention.ts';
import { dwyerClv } from './dwyer.ts';

export const SEGMENT_PERIOD_DAYS = 30;

/**
 * Segment CLV as of a snapshot day (default: the last one), or why there is
 * none: it needs a snapshot a period earlier. A day asked for that the
 * snapshots cannot serve is the caller's mistake.
 */
export async function segmentClvAnswer(db: Db, cfg: Config, q: { asOf?: string; server: string }): Promise<SegmentClvs> {
  const { first, last } = await snapshotDays(db);
  const asOf = q.asOf ?? last;
  const from = asOf ? addDays(asOf, -SEGMENT_PERIOD_DAYS) : null;
  if (!asOf || !first || !last || from! < first || asOf > last) {
    const message = `segment CLV needs stage snapshots ${SEGMENT_PERIOD_DAYS} days apart; snapshots cover ${first ?? 'no day'}..${last ?? 'no day'}`;
    if (q.asOf) throw invalid(`${message}, asOf ${q.asOf} needs ${from} and ${q.asOf}`);
    return { asOf: null, message, currency: cfg.baseCurrency, segments: [] };
  }
  return { ...(await segmentClvs(db, { from: from!, to: asOf, server: q.server }, cfg.clv)), currency: cfg.baseCurrency };
}

/** The segments of the `from` snapshot and their CLV from what they did up to `to`, a period later. */
async function segmentClvs(db: Db, q: { from: string; to: string; server: string }, clv: ClvSettings) {
  const periods = await segmentRetention(db, q);
  const segments = periods.map((s): SegmentClv => {
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
  return { asOf: q.to, from: q.from, periodDays: SEGMENT_PERIOD_DAYS, discount: clv.monthlyDiscount, horizon: clv.horizonMonths, segments };
}
