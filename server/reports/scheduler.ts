/**
 * The report scheduler inside the server process: at start it catches up the
 * windows missed while the server was down, then arms one node-cron task per
 * enabled schedule (in the schedule's zone), re-armed when schedules change.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { scheduleHistory } from '../queries/reportRuns/scheduleHistory.ts';
import { planCatchUp } from './catchUp.ts';
import type { ReportLang } from '../../contract/enums.ts';
import type { ReportSchedule, ReportWindow, RunTrigger } from '../../contract/reports.ts';
import { runnerFor, WindowBusyError, WindowDoneError, type ReportRunner, type RunResult } from './runs.ts';
import { listSchedules } from './scheduleStore.ts';
import { windowOfFire } from './scheduleWindows.ts';

export interface SchedulerDeps {
  db: Db;
  cfg: Config;
  log: (m: string) => void;
}

export interface SchedulerOptions {
  /** Defaults to the process's shared runner. */
  runner?: ReportRunner;
  /** The time catch-up takes as "now" (tests simulate downtime with it). */
  clock?: () => Date;
  /** false: catch up only, arm no cron task (tests). */
  arm?: boolean;
}

export interface WindowRun {
  scheduleId: string;
  window: ReportWindow;
  lang: ReportLang;
  trigger: RunTrigger;
  /** Absent when the window was running elsewhere (busy) or done meanwhile (done). */
  result?: RunResult;
  busy: boolean;
  done?: boolean;
}

const listeners = new WeakMap<Db, Set<() => void>>();

/** Tells the schedulers on this database handle that schedules changed (the API calls it after a save). */
export function schedulesChanged(db: Db): void {
  for (const fn of listeners.get(db) ?? []) fn();
}

export class ReportScheduler {
  private readonly runner: ReportRunner;
  private readonly clock: () => Date;
  private tasks: ScheduledTask[] = [];
  private stopped = false;
  private readonly onChange = () => void this.arm().catch((err: unknown) => this.deps.log(`reports: re-arming failed: ${(err as Error).message}`));

  constructor(
    private readonly deps: SchedulerDeps,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.runner = opts.runner ?? runnerFor(deps.db, deps.cfg, deps.log);
    this.clock = opts.clock ?? (() => new Date());
  }

  /** Catches up, then arms the cron tasks; returns what catch-up ran. */
  async start(): Promise<WindowRun[]> {
    const ran = await this.catchUp();
    if (this.opts.arm !== false && !this.stopped) {
      await this.arm();
      let set = listeners.get(this.deps.db);
      if (!set) listeners.set(this.deps.db, (set = new Set()));
      set.add(this.onChange);
    }
    return ran;
  }

  /** Runs, oldest first, each window a schedule missed since its last fire time (or its creation), up to the cap. */
  async catchUp(): Promise<WindowRun[]> {
    const { db, cfg, log } = this.deps;
    const out: WindowRun[] = [];
    for (const schedule of (await listSchedules(db)).filter((s) => s.enabled)) {
      const history = await scheduleHistory(db, schedule.scheduleId);
      const plan = planCatchUp({
        cron: schedule.cron, tz: schedule.tz, period: schedule.period, langs: schedule.langs,
        since: new Date(history.lastFiredAt ?? schedule.createdAt), now: this.clock(), gameTz: cfg.gameTz, weekStart: cfg.weekStart,
        done: new Set(history.done), cap: cfg.reports.catchUpCap,
      });
      if (plan.windows.length === 0) continue;
      log(`reports: ${schedule.scheduleId} missed ${plan.windows.length + plan.skipped} window(s); running ${plan.windows.length}` +
        (plan.skipped ? `, skipping the ${plan.skipped} oldest (REPORT_CATCH_UP_CAP ${cfg.reports.catchUpCap})` : ''));
      for (const m of plan.windows) {
        for (const lang of m.langs as ReportLang[]) {
          if (this.stopped) return out;
          out.push(await this.runOne(schedule, m.window, lang, 'catch_up', m.firedAt));
        }
      }
    }
    return out;
  }

  /** One scheduled firing: the window before the fire time, in every language of the schedule. */
  async fire(schedule: ReportSchedule, at: Date, trigger: RunTrigger = 'schedule'): Promise<WindowRun[]> {
    const window = windowOfFire(schedule.period, at, this.deps.cfg.gameTz, this.deps.cfg.weekStart);
    const out: WindowRun[] = [];
    for (const lang of schedule.langs) out.push(await this.runOne(schedule, window, lang, trigger, at));
    return out;
  }

  private async runOne(schedule: ReportSchedule, window: ReportWindow, lang: ReportLang, trigger: RunTrigger, firedAt: Date): Promise<WindowRun> {
    const base = { scheduleId: schedule.scheduleId, window, lang, trigger };
    try {
      const result = await this.runner.run({ schedule, window, lang, trigger, firedAt, unlessDone: trigger === 'schedule' || trigger === 'catch_up' });
      // Delivery goes on in the background; the next window need not wait for mail retries.
      return { ...base, result, busy: false };
    } catch (err) {
      if (err instanceof WindowDoneError) {
        this.deps.log(`reports: ${err.message}; not sending it again`);
        return { ...base, busy: false, done: true };
      }
      if (!(err instanceof WindowBusyError)) throw err;
      this.deps.log(`reports: ${err.message}; not starting it again`);
      return { ...base, busy: true };
    }
  }

  /** (Re)creates one cron task per enabled, unarchived schedule. */
  async arm(): Promise<void> {
    const schedules = (await listSchedules(this.deps.db)).filter((s) => s.enabled);
    await this.disarm();
    if (this.stopped) return;
    this.tasks = schedules.map((s) =>
      cron.schedule(
        s.cron,
        async (ctx) => {
          try {
            await this.fire(s, ctx.date);
          } catch (err) {
            this.deps.log(`reports: ${s.scheduleId} failed: ${(err as Error).message}`);
          }
        },
        { name: `report-${s.scheduleId}`, timezone: s.tz, noOverlap: true },
      ),
    );
  }

  private async disarm(): Promise<void> {
    const old = this.tasks;
    this.tasks = [];
    await Promise.all(old.map((t) => t.destroy()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    listeners.get(this.deps.db)?.delete(this.onChange);
    await this.disarm();
  }
}
