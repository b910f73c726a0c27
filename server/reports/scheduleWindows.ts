/**
 * When a report schedule fires and which window of game days each firing
 * reports. Pure functions over instants, IANA zones and YYYY-MM-DD days.
 */
import cron from 'node-cron';
import type { ReportPeriod, ReportWindow } from '../../contract/reports.ts';
import { addDays, weekStartOf } from '../days.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a zone, as a UTC millisecond count of that reading. */
function wallMs(ms: number, tz: string): number {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function dayIn(instant: Date, tz: string): string {
  return new Date(wallMs(instant.getTime(), tz)).toISOString().slice(0, 10);
}

/**
 * The instants showing a given wall-clock time in a zone: none in a
 * spring-forward gap, two in a fall-back overlap, one otherwise.
 */
export function instantsOfWallTime(wall: number, tz: string): number[] {
  const found = new Set<number>();
  // Zone offsets stay within ±14 h, so the offsets half a day either side cover both readings of an overlap.
  for (const probe of [wall - 14 * 3_600_000, wall, wall + 14 * 3_600_000]) {
    const offset = wallMs(probe, tz) - probe;
    const candidate = wall - offset;
    if (wallMs(candidate, tz) === wall) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

export interface CronCheck {
  ok: boolean;
  /** Why not, when not ok: five fields missing, an invalid field, or an unsupported feature (L, #). */
  code?: 'cron_fields' | 'cron_invalid' | 'cron_unsupported';
  /** What the cron parser said of an invalid expression. */
  detail?: string;
  message: string;
}

/** Report schedules take plain five-field expressions (minute hour day month weekday) with numbers, ranges, lists and steps. */
export function checkCron(expression: string): CronCheck {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    return { ok: false, code: 'cron_fields', message: `cron must have five fields (minute hour day-of-month month day-of-week), got "${expression}"` };
  const detail = cron.validateDetailed(expression);
  if (!detail.valid) {
    const said = detail.errors.map((e) => e.message).join('; ');
    return { ok: false, code: 'cron_invalid', detail: said, message: `cron "${expression}": ${said}` };
  }
  const parsed = cron.parse(expression);
  if ([...parsed.dayOfMonth, ...parsed.dayOfWeek].some((v) => typeof v !== 'number')) {
    return { ok: false, code: 'cron_unsupported', message: `cron "${expression}": L and # are not supported in report schedules` };
  }
  return { ok: true, message: '' };
}

/**
 * Every fire time of a cron expression in (after, until], oldest first, with
 * node-cron's meaning: the expression is read on the zone's wall clock and the
 * day-of-month and day-of-week fields must both match. A wall time skipped by
 * a DST change never fires; one repeated fires twice (as node-cron does).
 */
export function fireTimes(expression: string, tz: string, after: Date, until: Date): Date[] {
  const check = checkCron(expression);
  if (!check.ok) throw new Error(check.message);
  const f = cron.parse(expression);
  const months = new Set(f.month);
  const doms = new Set(f.dayOfMonth as number[]);
  const dows = new Set((f.dayOfWeek as number[]).map((d) => d % 7));
  const out: Date[] = [];
  const lo = after.getTime();
  const hi = until.getTime();
  // Walk the zone's calendar days from the day before `after` to the day after `until` (wall readings as UTC ms).
  const firstDay = Math.floor(wallMs(lo, tz) / DAY_MS) * DAY_MS - DAY_MS;
  const lastDay = Math.floor(wallMs(hi, tz) / DAY_MS) * DAY_MS + DAY_MS;
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const d = new Date(day);
    if (!months.has(d.getUTCMonth() + 1) || !doms.has(d.getUTCDate()) || !dows.has(d.getUTCDay())) continue;
    for (const h of f.hour) {
      for (const m of f.minute) {
        for (const t of instantsOfWallTime(day + h * 3_600_000 + m * MINUTE_MS, tz)) if (t > lo && t <= hi) out.push(new Date(t));
      }
    }
  }
  return out.sort((a, b) => a.getTime() - b.getTime());
}

/** Spans looked through for a next fire, shortest first, so a busy expression never lists a year of fires. */
const NEXT_FIRE_SPANS_DAYS = [1, 8, 32, 366];

/** The first fire time after `now` within a year, or null when there is none (such as 30 February). */
export function nextFireTime(expression: string, tz: string, now: Date): Date | null {
  for (const days of NEXT_FIRE_SPANS_DAYS) {
    const [first] = fireTimes(expression, tz, now, new Date(now.getTime() + days * DAY_MS));
    if (first) return first;
  }
  return null;
}

/** The period (day, week from weekStart, calendar month) holding a game day. */
export function periodContaining(period: ReportPeriod, day: string, weekStart: 1 | 7): ReportWindow {
  if (period === 'day') return { from: day, to: day };
  if (period === 'week') {
    const from = weekStartOf(day, weekStart);
    return { from, to: addDays(from, 6) };
  }
  const from = `${day.slice(0, 8)}01`;
  const next = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1));
  return { from, to: addDays(next.toISOString().slice(0, 10), -1) };
}

/** The last complete period before a game day: the one just before the period holding it. */
export function periodBefore(period: ReportPeriod, day: string, weekStart: 1 | 7): ReportWindow {
  return periodContaining(period, addDays(periodContaining(period, day, weekStart).from, -1), weekStart);
}

/**
 * The window a firing at `fire` reports: the last complete period before the
 * game day (in the game's zone) the firing falls on, since that day has not
 * ended yet.
 */
export function windowOfFire(period: ReportPeriod, fire: Date, gameTz: string, weekStart: 1 | 7): ReportWindow {
  return periodBefore(period, dayIn(fire, gameTz), weekStart);
}

/**
 * The window a "run now" for `day` reports (the period holding it), or why
 * it cannot run yet: only periods that ended before today (in the game's zone).
 */
export function pastWindow(period: ReportPeriod, day: string, now: Date, gameTz: string, weekStart: 1 | 7): { window: ReportWindow; error: string } {
  const window = periodContaining(period, day, weekStart);
  const today = dayIn(now, gameTz);
  const error = window.to >= today ? `the ${period} ${window.from}..${window.to} has not ended yet (today is ${today} in ${gameTz}): choose a past window` : '';
  return { window, error };
}
