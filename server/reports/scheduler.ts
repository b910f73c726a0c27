/**
 * The report scheduler inside the server process: at start it catches up the
 * windows missed while the server was down, then gives every enabled schedule
 * its entry in the job registry (saving a schedule updates it, see
 * scheduleJobs.ts).
 */
import type { ReportLang } from '../../contract/enums.ts';
import type { ReportSchedule, RunTrigger } from '../../contract/reports.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Jobs } from '../deps.ts';
import { scheduleHistory } from '../queries/reportRuns/scheduleHistory.ts';
import { planCatchUp } from './catchUp.ts';
import { fireSchedule, runWindow, type FireDeps, type WindowRun } from './fire.ts';
import { runnerFor, type ReportRunner } from './runs.ts';
import { removeReportJobs, syncReportJob } from './scheduleJobs.ts';
import { listSchedules } from './scheduleStore.ts';
import type { Logger } from '../log.ts';

export interface SchedulerDeps {
  db: Db;
  cfg: Config;
  log: Logger;
  /** Without a registry the scheduler only catches up (tests, tools). */
  jobs?: Jobs;
}

export interface SchedulerOptions {
  /** Defaults to the process's shared runner. */
  runner?: ReportRunner;
  /** The time catch-up takes as "now" (tests simulate downtime with it). */
  clock?: () => Date;
}

export class ReportScheduler {
  private readonly fireDeps: FireDeps;
  private readonly clock: () => Date;
  private stopped = false;

  constructor(
    private readonly deps: SchedulerDeps,
    opts: SchedulerOptions = {},
  ) {
    this.fireDeps = { cfg: deps.cfg, log: deps.log, runner: opts.runner ?? runnerFor(deps.db, deps.cfg, deps.log) };
    this.clock = opts.clock ?? (() => new Date());
  }

  /** Catches up, then adds the registry entries; returns what catch-up ran. */
  async start(): Promise<WindowRun[]> {
    const ran = await this.catchUp();
    if (this.deps.jobs && !this.stopped) await this.arm(this.deps.jobs);
    return ran;
  }

  /** Runs, oldest first, each window a schedule missed since its last fire time (or its creation), up to the cap. */
  async catchUp(): Promise<WindowRun[]> {
    const { db, cfg, log } = this.deps;
    const out: WindowRun[] = [];
    for (const schedule of (await listSchedules(db)).filter((s) => s.enabled)) {
      const history = await scheduleHistory(db, schedule.scheduleId);
      const plan = planCatchUp({
        cron: schedule.cron,
        tz: schedule.tz,
        period: schedule.period,
        langs: schedule.langs,
        since: new Date(history.lastFiredAt ?? schedule.createdAt),
        now: this.clock(),
        gameTz: cfg.gameTz,
        weekStart: cfg.weekStart,
        done: new Set(history.done),
        cap: cfg.reports.catchUpCap,
      });
      if (plan.windows.length === 0) continue;
      log(
        `reports: ${schedule.scheduleId} missed ${plan.windows.length + plan.skipped} window(s); running ${plan.windows.length}` +
          (plan.skipped ? `, skipping the ${plan.skipped} oldest (REPORT_CATCH_UP_CAP ${cfg.reports.catchUpCap})` : ''),
      );
      for (const m of plan.windows) {
        for (const lang of m.langs as ReportLang[]) {
          if (this.stopped) return out;
          out.push(await runWindow(this.fireDeps, schedule, m.window, lang, 'catch_up', m.firedAt));
        }
      }
    }
    return out;
  }

  /** One scheduled firing: the window before the fire time, in every language of the schedule. */
  fire(schedule: ReportSchedule, at: Date, trigger: RunTrigger = 'schedule'): Promise<WindowRun[]> {
    return fireSchedule(this.fireDeps, schedule, at, trigger);
  }

  private async arm(jobs: Jobs): Promise<void> {
    for (const s of await listSchedules(this.deps.db)) if (!this.stopped) await syncReportJob(jobs, this.fireDeps, s);
  }

  /** Stops catching up and takes the report entries out of the registry. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.deps.jobs) await removeReportJobs(this.deps.jobs);
  }
}
