/**
 * Running one report: claim the window (in this process and in report_runs),
 * build it, write its files, record the outcome, then deliver it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { listRuns } from '../queries/reportRuns/listRuns.ts';
import type { RunRow } from '../queries/reportRuns/runRow.ts';
import { runningClaims } from '../queries/reportRuns/runningClaims.ts';
import { scheduleHistory } from '../queries/reportRuns/scheduleHistory.ts';
import { writeRun } from '../queries/reportRuns/writeRun.ts';
import { buildReport } from './build.ts';
import { deliverReport, type DeliveryOutcome } from './deliver.ts';
import type { ReportLang } from '../../contract/enums.ts';
import type { ReportOptions, ReportSchedule, ReportWindow, RunFile, RunTrigger } from '../../contract/reports.ts';
import type { ReportFiles } from './types.ts';
import { DomainError } from '../domainError.ts';

/** A 'running' row older than this belongs to a process that died: it no longer blocks its window. */
export const STALE_RUN_SECONDS = 3600;

export interface RunRequest {
  schedule: ReportSchedule;
  window: ReportWindow;
  lang: ReportLang;
  trigger: RunTrigger;
  /** The cron fire time a scheduled or catch-up run stands for. */
  firedAt?: Date;
  /** false: write the files only (the CLI's --no-deliver). */
  deliver?: boolean;
  /** Scheduled and catch-up runs: do nothing when the schedule already ran the window (another scheduler, or a cron that fires more often than the period). */
  unlessDone?: boolean;
}

export interface RunResult {
  runId: string;
  state: 'done' | 'failed';
  error: string;
  outputDir: string;
  files: RunFile[];
  /** Settles when every recipient got the report or gave up (never rejects). */
  delivered: Promise<DeliveryOutcome[]>;
}

/** The window is being reported right now, in this process or another one on the same database. */
export class WindowBusyError extends DomainError {
  constructor(message: string) {
    super('busy', message);
  }
}

/** A catch-up found the window already done (another scheduler caught it up first). */
export class WindowDoneError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export type BuildFn = (db: Db, cfg: Config, window: ReportWindow, options: ReportOptions) => Promise<ReportFiles>;

const SAFE_FILE = /^[a-z0-9][a-z0-9_.-]{0,80}\.(?:html|csv|json)$/;

/** The files a report is stored as: report.html, its CSV files and summary.json, as exact bytes. */
export function reportFileSet(files: ReportFiles): { name: string; content: Buffer }[] {
  const out = [
    { name: 'report.html', content: Buffer.from(files.html, 'utf8') },
    ...files.csv.map((c) => ({ name: c.name, content: Buffer.from(c.content, 'utf8') })),
    { name: 'summary.json', content: Buffer.from(`${JSON.stringify(files.summary, null, 2)}\n`, 'utf8') },
  ];
  const bad = out.find((f) => !SAFE_FILE.test(f.name));
  if (bad) throw new Error(`report file name "${bad.name}" is not a plain lowercase file name`);
  if (new Set(out.map((f) => f.name)).size !== out.length) throw new Error('report file names repeat');
  return out;
}

/** Where a run's files live: <REPORTS_DIR>/<schedule>/<window end>/<lang>. */
export const runDir = (cfg: Config, scheduleId: string, windowTo: string, lang: string) => path.join(cfg.reports.dir, scheduleId, windowTo, lang);

/** Writes the files into a fresh directory, then puts it in place, so a reader never sees half a report. */
function writeFiles(dir: string, runId: string, set: { name: string; content: Buffer }[]): RunFile[] {
  const tmp = `${dir}.tmp-${runId}`;
  mkdirSync(tmp, { recursive: true });
  for (const f of set) writeFileSync(path.join(tmp, f.name), f.content);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return set.map((f) => ({ name: f.name, bytes: f.content.length, sha256: createHash('sha256').update(f.content).digest('hex') }));
}

/**
 * Runs reports. One runner per process is the normal case (runnerFor); its
 * lock set keeps this process from starting a window twice, and the claim in
 * report_runs keeps two processes (or two runners) apart.
 */
export class ReportRunner {
  private readonly locks = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly cfg: Config,
    private readonly log: (m: string) => void,
    private readonly build: BuildFn = buildReport,
  ) {}

  private key = (scheduleId: string, windowTo: string, lang: string) => `${scheduleId}/${windowTo}/${lang}`;

  /** True while a run of this window and language is under way here or elsewhere. */
  async busy(scheduleId: string, windowTo: string, lang: string): Promise<boolean> {
    if (this.locks.has(this.key(scheduleId, windowTo, lang))) return true;
    return (await runningClaims(this.db, { scheduleId, windowTo, lang }, STALE_RUN_SECONDS)).length > 0;
  }

  async run(req: RunRequest): Promise<RunResult> {
    const { schedule, window, lang } = req;
    const key = this.key(schedule.scheduleId, window.to, lang);
    if (this.locks.has(key)) throw new WindowBusyError(`the ${lang} report of ${schedule.scheduleId} for ${window.from}..${window.to} is running`);
    this.locks.add(key);
    try {
      return await this.claimed(req, key);
    } finally {
      this.locks.delete(key);
    }
  }

  private async claimed(req: RunRequest, key: string): Promise<RunResult> {
    const { schedule, window, lang } = req;
    const options: ReportOptions = { lang, topN: schedule.topN, sections: schedule.sections };
    const outputDir = runDir(this.cfg, schedule.scheduleId, window.to, lang);
    const row: Omit<RunRow, 'startedAt'> & { startedAt: string | null } = {
      runId: randomUUID(),
      scheduleId: schedule.scheduleId,
      scheduleVersion: schedule.version,
      windowFrom: window.from,
      windowTo: window.to,
      lang,
      trigger: req.trigger,
      firedAt: req.firedAt?.toISOString() ?? null,
      options: JSON.stringify(options),
      state: 'running',
      startedAt: null,
      finishedAt: null,
      error: '',
      outputDir,
      files: '[]',
    };
    await writeRun(this.db, row);
    const claims = await runningClaims(this.db, { scheduleId: schedule.scheduleId, windowTo: window.to, lang }, STALE_RUN_SECONDS);
    if (claims[0]?.runId !== row.runId) {
      // Another claim came first: withdraw ours so it leaves no trace in the archive.
      await writeRun(this.db, { ...row, startedAt: (await this.stored(row.runId))?.startedAt ?? null }, true);
      throw new WindowBusyError(`the ${lang} report of ${schedule.scheduleId} for ${window.from}..${window.to} is running (${key})`);
    }
    row.startedAt = (await this.stored(row.runId))?.startedAt ?? null;
    // Checked after winning the claim: a run that finished before it shows as done here, so this is race-free.
    if (req.unlessDone && (await scheduleHistory(this.db, schedule.scheduleId)).done.includes(`${window.to}/${lang}`)) {
      await writeRun(this.db, row, true);
      throw new WindowDoneError(`the ${lang} report of ${schedule.scheduleId} for ${window.from}..${window.to} is done already`);
    }

    let built: ReportFiles;
    let files: RunFile[];
    try {
      built = await this.build(this.db, this.cfg, window, options);
      files = writeFiles(outputDir, row.runId, reportFileSet(built));
    } catch (err) {
      const error = String((err as Error)?.message ?? err).slice(0, 2000);
      await writeRun(this.db, { ...row, state: 'failed', finishedAt: new Date().toISOString(), error });
      this.log(`reports: ${schedule.scheduleId} ${window.to} ${lang} failed: ${error}`);
      return { runId: row.runId, state: 'failed', error, outputDir, files: [], delivered: Promise.resolve([]) };
    }
    await writeRun(this.db, { ...row, state: 'done', finishedAt: new Date().toISOString(), files: JSON.stringify(files) });
    this.log(`reports: ${schedule.scheduleId} ${window.from}..${window.to} ${lang} written to ${outputDir}`);
    const delivered =
      req.deliver === false
        ? Promise.resolve([])
        : deliverReport(this.db, this.cfg, { runId: row.runId, schedule, window, lang, files: built }).catch((err: unknown) => {
            this.log(`reports: delivering run ${row.runId} failed: ${(err as Error).message}`);
            return [];
          });
    return { runId: row.runId, state: 'done', error: '', outputDir, files, delivered };
  }

  private async stored(runId: string): Promise<RunRow | undefined> {
    return (await listRuns(this.db, { runId, limit: 1, offset: 0 }))[0];
  }

  /**
   * Marks 'running' rows that no process works on as failed. `all`: every
   * one (the server starting on the embedded engine, which one process owns);
   * otherwise only those past the stale limit (a shared server may have other
   * processes running reports).
   */
  async failInterrupted(all: boolean): Promise<number> {
    const running = await listRuns(this.db, { state: 'running', limit: 1000, offset: 0 });
    const cutoff = all ? Infinity : Date.now() - STALE_RUN_SECONDS * 1000;
    const dead = running.filter((r) => Date.parse(r.startedAt) < cutoff && !this.locks.has(this.key(r.scheduleId, r.windowTo, r.lang)));
    for (const r of dead) {
      await writeRun(this.db, { ...r, state: 'failed', finishedAt: new Date().toISOString(), error: 'interrupted: the server stopped during the run' });
    }
    return dead.length;
  }
}

const runners = new WeakMap<Db, ReportRunner>();

/** The process's runner for a database handle, shared by the scheduler, the API and the CLI. */
export function runnerFor(db: Db, cfg: Config, log: (m: string) => void): ReportRunner {
  let r = runners.get(db);
  if (!r) {
    r = new ReportRunner(db, cfg, log);
    runners.set(db, r);
  }
  return r;
}
