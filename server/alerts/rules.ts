/**
 * The rules' decisions, pure: from the figures the evaluation fetched to
 * whether a rule trips, with what it saw. The cool-down and the repeat of a
 * day already alerted are decided last (`decide`), the same for every rule.
 */
import type { AlertFigures, CheckOutcome } from '../../contract/alerts.ts';
import type { Day } from '../../contract/common.ts';
import { addDays } from '../days.ts';
import { band, belowBand } from './baseline.ts';

/** What a rule's check saw before the cool-down: tripped, fine, or unable to judge. */
export interface RuleVerdict extends AlertFigures {
  outcome: 'tripped' | 'ok' | 'no_history' | 'no_data';
}

const HOUR_MS = 3_600_000;
const none = { day: null, observed: null, expected: null, low: null, high: null, detail: {} } satisfies AlertFigures;
const pct = (share: number) => (share * 100).toFixed(4);

/** no_new_file: more than `hours` since the last file was loaded; nothing to judge before the first file. */
export function noNewFile(lastFileAt: Date | null, now: Date, p: { hours: number }): RuleVerdict {
  if (!lastFileAt) return { ...none, outcome: 'no_data' };
  const hours = (now.getTime() - lastFileAt.getTime()) / HOUR_MS;
  return {
    ...none,
    outcome: hours > p.hours ? 'tripped' : 'ok',
    observed: Math.max(0, hours).toFixed(4),
    high: String(p.hours),
    detail: { lastFileAt: lastFileAt.toISOString() },
  };
}

export interface BandParams {
  weeks: number;
  minWeeks: number;
  k: number;
  minDropPercent: number;
}

/**
 * dau_below_band / revenue_below_band: the day's figure against the same
 * weekday of the last `weeks` weeks. Weeks before the first day with data are
 * no history (a zero there is not a figure); fewer than minWeeks of them give
 * no alert, and the check says so.
 */
export function belowBandRule(day: Day | null, values: ReadonlyMap<Day, string>, firstDay: Day | null, p: BandParams): RuleVerdict {
  const observed = day ? values.get(day) : undefined;
  if (!day || observed === undefined || !firstDay) return { ...none, day, outcome: 'no_data' };
  const history: string[] = [];
  for (let w = 1; w <= p.weeks; w++) {
    const d = addDays(day, -7 * w);
    const v = values.get(d);
    if (d >= firstDay && v !== undefined) history.push(v);
  }
  const detail = { weeks: history.length };
  if (history.length < p.minWeeks) return { ...none, day, observed, detail: { ...detail, minWeeks: p.minWeeks }, outcome: 'no_history' };
  const b = band(history, p.k, p.minDropPercent);
  return {
    day,
    observed,
    expected: b.median,
    low: b.low,
    high: b.high,
    detail: { ...detail, mad: b.mad },
    outcome: belowBand(observed, b) ? 'tripped' : 'ok',
  };
}

/** Rows in files and the bad ones among them (quarantined, or in a file rejected whole). */
export interface RowShare {
  rows: number;
  bad: number;
}

/**
 * quarantine_share_jump: the bad share of the files loaded in the recent
 * window against the window before it, in percentage points. Too few recent
 * rows: nothing to judge; too few earlier rows: no history.
 */
export function quarantineJump(recent: RowShare, before: RowShare, p: { jumpPoints: number; minRows: number }): RuleVerdict {
  const detail = { recentRows: recent.rows, baselineRows: before.rows };
  if (recent.rows < p.minRows) return { ...none, detail, outcome: 'no_data' };
  const observed = recent.bad / recent.rows;
  if (before.rows < p.minRows) return { ...none, observed: pct(observed), detail, outcome: 'no_history' };
  const expected = before.bad / before.rows;
  return {
    ...none,
    observed: pct(observed),
    expected: pct(expected),
    high: (expected * 100 + p.jumpPoints).toFixed(4),
    detail,
    outcome: (observed - expected) * 100 > p.jumpPoints ? 'tripped' : 'ok',
  };
}

/** Players per stage of the active base on one day (lost players excluded). */
export interface StageDay {
  day: Day;
  exploration: number;
  growth: number;
  stable: number;
  decline: number;
}

const declineShare = (d: StageDay | undefined): number | null => {
  if (!d) return null;
  const base = Number(d.exploration) + Number(d.growth) + Number(d.stable) + Number(d.decline);
  return base > 0 ? Number(d.decline) / base : null;
};

/**
 * decline_rise: the decline share of the active base on the day against the
 * day before (more than dayPoints) or a week before (more than weekPoints).
 */
export function declineRise(day: Day | null, days: readonly StageDay[], p: { dayPoints: number; weekPoints: number }): RuleVerdict {
  const on = (d: Day) => declineShare(days.find((x) => x.day === d));
  const now = day ? on(day) : null;
  if (!day || now === null) return { ...none, day, outcome: 'no_data' };
  const dayBefore = on(addDays(day, -1));
  const weekBefore = on(addDays(day, -7));
  if (dayBefore === null && weekBefore === null) return { ...none, day, observed: pct(now), outcome: 'no_history' };
  const dayRise = dayBefore === null ? null : (now - dayBefore) * 100;
  const weekRise = weekBefore === null ? null : (now - weekBefore) * 100;
  const detail: Record<string, string> = {};
  if (weekBefore !== null) detail.weekBefore = pct(weekBefore);
  if (dayRise !== null) detail.dayRise = dayRise.toFixed(4);
  if (weekRise !== null) detail.weekRise = weekRise.toFixed(4);
  const tripped = (dayRise !== null && dayRise > p.dayPoints) || (weekRise !== null && weekRise > p.weekPoints);
  return {
    day,
    observed: pct(now),
    expected: dayBefore === null ? null : pct(dayBefore),
    low: null,
    high: dayBefore === null ? null : (dayBefore * 100 + p.dayPoints).toFixed(4),
    detail,
    outcome: tripped ? 'tripped' : 'ok',
  };
}

/** The rule's latest alert, for the cool-down and the repeat of a day. */
export interface LastAlert {
  firedAt: Date;
  day: Day | null;
}

/**
 * The check's outcome: a tripped rule fires unless its last alert is younger
 * than the cool-down, or already named the same day (a day's figure alerts once).
 */
export function decide(verdict: RuleVerdict['outcome'], day: Day | null, last: LastAlert | null, now: Date, cooldownHours: number): CheckOutcome {
  if (verdict !== 'tripped') return verdict;
  if (last && day !== null && last.day === day) return 'repeat';
  if (last && now.getTime() - last.firedAt.getTime() < cooldownHours * HOUR_MS) return 'cooling';
  return 'fired';
}
