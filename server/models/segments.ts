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
 * The CLV's 95% interval comes from the binomial uncertainty of r alone (a
 * Wilson interval of retained out of players, CLV evaluated at both ends; M,
 * i and T held). Segments under the minimum size (SEGMENT_MIN_PLAYERS) are
 * flagged and left out of the ranking: a one-player whale segment says little.
 */
import type { ClvSettings, SegmentClv, SegmentClvs } from '../../contract/models.ts';
import type { Config } from '../config.ts';
import { noted } from './notes.ts';
import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import { invalid } from '../domainError.ts';
import { snapshotDays } from '../queries/lifecycle/snapshotDays.ts';
import { type SegmentPeriod, segmentRetention } from '../queries/models/segmentRetention.ts';
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
    const why = noted('segments_need_snapshots', { days: SEGMENT_PERIOD_DAYS, first: first ?? '–', last: last ?? '–' });
    if (q.asOf) throw invalid(`${why.message}, asOf ${q.asOf} needs ${from} and ${q.asOf}`);
    return { asOf: null, ...why, currency: cfg.baseCurrency, minPlayers: cfg.segmentMinPlayers, segments: [] };
  }
  const periods = await segmentRetention(db, { from: from!, to: asOf, server: q.server });
  return {
    asOf,
    from: from!,
    periodDays: SEGMENT_PERIOD_DAYS,
    discount: cfg.clv.monthlyDiscount,
    horizon: cfg.clv.horizonMonths,
    minPlayers: cfg.segmentMinPlayers,
    segments: segmentClvs(periods, cfg.clv, cfg.segmentMinPlayers),
    currency: cfg.baseCurrency,
  };
}

/** The two-sided 95% normal quantile. */
const Z95 = 1.959963984540054;

/** Wilson score interval of a binomial share k of n at 95%: stays inside [0, 1] and is usable for small n and shares near 0 or 1. */
export function wilson95(k: number, n: number): [number, number] {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(k) && k >= 0 && k <= n))
    throw new RangeError(`need whole counts 0 <= k <= n, n >= 1; got ${k} of ${n}`);
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Each segment's CLV with its interval, and the rank of those with at least minPlayers players (by CLV per player, highest first). */
export function segmentClvs(periods: readonly SegmentPeriod[], clv: ClvSettings, minPlayers: number): SegmentClv[] {
  const at = (margin: number, retention: number) => dwyerClv({ margin, retention, discount: clv.monthlyDiscount, horizon: clv.horizonMonths });
  const segments = periods.map((s): SegmentClv => {
    const players = Number(s.players);
    const retained = Number(s.retained);
    const margin = Number(s.revenue) / players;
    const retention = retained / players;
    const result = at(margin, retention);
    const [retentionLow, retentionHigh] = wilson95(retained, players);
    // CLV moves with r in the direction of M's sign (refunds can net M below 0), so the ends are sorted.
    const [clvLow, clvHigh] = [at(margin, retentionLow).clv, at(margin, retentionHigh).clv].sort((a, b) => a - b);
    return {
      ...s,
      players,
      retained,
      margin: margin.toFixed(4),
      retention,
      clv: result.clv.toFixed(4),
      contributions: result.contributions.map((c) => Number(c.toFixed(4))),
      retentionLow,
      retentionHigh,
      clvLow: clvLow.toFixed(4),
      clvHigh: clvHigh.toFixed(4),
      small: players < minPlayers,
      rank: null,
    };
  });
  const ranked = segments.filter((s) => !s.small).sort((a, b) => Number(b.clv) - Number(a.clv));
  ranked.forEach((s, i) => {
    s.rank = i + 1;
  });
  return segments;
}
