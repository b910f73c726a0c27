/** Which windows a schedule missed while the server was down (pure). */
import type { ReportPeriod, ReportWindow } from '../../contract/reports.ts';
import { fireTimes, windowOfFire } from './scheduleWindows.ts';

/** Catch-up looks no further back than this, whatever the last run. */
export const CATCH_UP_LOOKBACK_DAYS = 400;

export interface CatchUpInput {
  cron: string;
  tz: string;
  period: ReportPeriod;
  langs: string[];
  /** The last fire time a run stood for, or the schedule's creation. */
  since: Date;
  now: Date;
  gameTz: string;
  weekStart: 1 | 7;
  /** "window_to/lang" of the windows already done. */
  done: ReadonlySet<string>;
  cap: number;
}

export interface MissedWindow {
  window: ReportWindow;
  /** The latest fire time that asked for this window. */
  firedAt: Date;
  /** The languages not yet done. */
  langs: string[];
}

export interface CatchUpPlan {
  /** Oldest first; at most `cap`, the newest ones. */
  windows: MissedWindow[];
  /** Missed windows left out by the cap. */
  skipped: number;
}

/**
 * Every window whose fire time passed in (since, now] without a done run in
 * some language, each once, oldest first, capped to the newest `cap`.
 */
export function planCatchUp(input: CatchUpInput): CatchUpPlan {
  const floor = input.now.getTime() - CATCH_UP_LOOKBACK_DAYS * 86_400_000;
  const since = new Date(Math.max(input.since.getTime(), floor));
  const byWindow = new Map<string, MissedWindow>();
  for (const fire of fireTimes(input.cron, input.tz, since, input.now)) {
    const window = windowOfFire(input.period, fire, input.gameTz, input.weekStart);
    const langs = input.langs.filter((l) => !input.done.has(`${window.to}/${l}`));
    if (langs.length === 0) continue;
    byWindow.set(window.to, { window, firedAt: fire, langs });
  }
  const all = [...byWindow.values()].sort((a, b) => a.window.to.localeCompare(b.window.to));
  const windows = all.slice(Math.max(0, all.length - input.cap));
  return { windows, skipped: all.length - windows.length };
}
