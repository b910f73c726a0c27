import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRuns } from '../../server/queries/reportRuns/listRuns.ts';
import { ReportRunner, type BuildFn } from '../../server/reports/runs.ts';
import { JobRegistry } from '../../jobs/schedule.ts';
import { saveAndSchedule } from '../../server/reports/scheduleJobs.ts';
import { ReportScheduler } from '../../server/reports/scheduler.ts';
import { saveSchedule } from '../../server/reports/scheduleStore.ts';
import type { ReportSummary } from '../../server/reports/types.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { silentLogger } from '../../server/log.ts';
import { capturingLogger } from '../helpers/logger.ts';
import { writeRunningClaim } from '../helpers/reportRuns.ts';

/**
 * Scheduling without the report content: a stand-in build records every call
 * (and can be held open), so the tests count exactly which windows ran.
 * Downtime is simulated by the schedulers' clock; no job registry is given, so nothing is armed.
 */
let engine: TestEngine;
const DAY = 86_400_000;

beforeAll(async () => {
  engine = await freshEngine();
});
afterAll(() => engine?.cleanup());

function recordingBuild(calls: string[], gate?: Promise<void>): BuildFn {
  return async (_db, _cfg, window, options) => {
    calls.push(`${window.to}/${options.lang}`);
    await gate;
    return {
      html: `<p>${window.from}..${window.to} ${options.lang}</p>`,
      csv: [{ name: 'stage_mix.csv', content: 'stage,players\r\n' }],
      summary: { window, lang: options.lang } as unknown as ReportSummary,
    };
  };
}

async function schedule(id: string, input: Record<string, unknown>) {
  return (
    await saveSchedule(engine.db, engine.cfg, {
      scheduleId: id,
      input: { name: id, tz: 'UTC', langs: ['en'], ...input },
      source: 'dashboard',
      author: 't',
      upsert: true,
    })
  ).schedule;
}

function scheduler(build: BuildFn, now: Date, logs: string[] = []) {
  const log = capturingLogger(logs);
  return new ReportScheduler({ db: engine.db, cfg: engine.cfg, log }, { runner: new ReportRunner(engine.db, engine.cfg, log, build), clock: () => now });
}

async function doneCounts(scheduleId: string): Promise<Record<string, number>> {
  const runs = await listRuns(engine.db, { scheduleId, limit: 500, offset: 0 });
  const out: Record<string, number> = {};
  for (const r of runs) if (r.state === 'done') out[`${r.windowTo}/${r.lang}`] = (out[`${r.windowTo}/${r.lang}`] ?? 0) + 1;
  return out;
}

describe('catch-up after downtime', () => {
  it('runs each missed window once, oldest first, and a second start runs none', async () => {
    const s = await schedule('cu', { cron: '0 8 * * 1', period: 'week', langs: ['en', 'zh'] });
    const created = Date.parse(s.createdAt);
    // Down for three weeks and a day after the schedule was made: three Monday firings were missed.
    const now = new Date(created + 22 * DAY);
    const calls: string[] = [];
    const ran = await scheduler(recordingBuild(calls), now).start();
    expect(ran.every((r) => r.trigger === 'catch_up' && r.result?.state === 'done')).toBe(true);
    const windows = [...new Set(calls.map((c) => c.split('/')[0]))];
    expect(windows).toHaveLength(3);
    expect(windows).toEqual([...windows].sort());
    expect(calls).toHaveLength(6); // three windows x two languages
    expect(Object.values(await doneCounts('cu'))).toEqual([1, 1, 1, 1, 1, 1]);
    // The firing each run stands for is recorded.
    const runs = await listRuns(engine.db, { scheduleId: 'cu', limit: 10, offset: 0 });
    expect(runs.every((r) => r.firedAt !== null && new Date(r.firedAt).getUTCDay() === 1)).toBe(true);

    const again: string[] = [];
    expect(await scheduler(recordingBuild(again), now).start()).toEqual([]);
    expect(again).toEqual([]);
  });

  it('catches up at most REPORT_CATCH_UP_CAP windows, the newest, and says how many it skipped', async () => {
    const s = await schedule('daily', { cron: '0 6 * * *', period: 'day' });
    const now = new Date(Date.parse(s.createdAt) + 22 * DAY);
    const calls: string[] = [];
    const logs: string[] = [];
    await scheduler(recordingBuild(calls), now, logs).start();
    expect(calls).toHaveLength(engine.cfg.reports.catchUpCap);
    const lastWindow = new Date(now.getTime() - DAY).toISOString().slice(0, 10);
    expect(calls.at(-1)).toBe(`${now.getUTCHours() >= 6 ? lastWindow : new Date(now.getTime() - 2 * DAY).toISOString().slice(0, 10)}/en`);
    expect(logs.find((l) => l.includes('reports: daily missed'))).toMatch(/missed 22 window\(s\); running 7, skipping the 15 oldest/);
  });
});

describe('no overlap', () => {
  it('a second scheduler on the same database does not start a window that is running, and nothing runs twice', async () => {
    const s = await schedule('ov', { cron: '0 9 * * 3', period: 'week' });
    const now = new Date(Date.parse(s.createdAt) + 22 * DAY);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first: string[] = [];
    const second: string[] = [];
    const a = scheduler(recordingBuild(first, gate), now).start();
    // Wait until the first scheduler is inside its first window's build.
    while (first.length === 0) await new Promise((r) => setTimeout(r, 20));
    const running = await listRuns(engine.db, { scheduleId: 'ov', state: 'running', limit: 10, offset: 0 });
    expect(running).toHaveLength(1);

    const b = await scheduler(recordingBuild(second), now).start();
    expect(b[0]).toMatchObject({ window: { to: first[0].split('/')[0] }, busy: true });
    expect(second).not.toContain(first[0]);
    release();
    const aRuns = await a;
    // The first scheduler finds the windows the second one caught up already done, and leaves them.
    expect(aRuns.filter((r) => r.done).length).toBe(second.length);
    expect(first).toHaveLength(1);
    const counts = await doneCounts('ov');
    expect(Object.keys(counts)).toHaveLength(1 + second.length);
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);
    // Withdrawn claims leave no rows behind.
    expect(await listRuns(engine.db, { scheduleId: 'ov', limit: 100, offset: 0 })).toHaveLength(1 + second.length);
  });
});

describe('scheduled firings', () => {
  it('deliver a window once: a cron firing more often than the period skips a window the schedule ran, a manual run does not count', async () => {
    const s = await schedule('often', { cron: '0 * * * *', period: 'week' });
    const created = Date.parse(s.createdAt);
    const sched = scheduler(recordingBuild([]), new Date(created));
    const calls: string[] = [];
    const manual = new ReportRunner(engine.db, engine.cfg, () => {}, recordingBuild(calls));
    const fireAt = new Date(created + 8 * DAY);
    const first = await sched.fire(s, fireAt);
    // A manual run of the same window (Run now) writes files but is not the schedule's delivery.
    await manual.run({ schedule: s, window: first[0].window, lang: 'en', trigger: 'manual' });
    const logs: string[] = [];
    const fresh = scheduler(recordingBuild(calls), new Date(created + 8 * DAY), logs);
    const later = await fresh.fire(s, new Date(fireAt.getTime() + 3_600_000));
    expect(first[0].result?.state).toBe('done');
    expect(later[0]).toMatchObject({ window: first[0].window, done: true });
    expect(calls).toEqual([`${first[0].window.to}/en`]); // only the manual run built again
    expect(logs.some((m) => m.includes('is done already; not sending it again'))).toBe(true);
  });
});

describe('the server start', () => {
  it('marks runs a stopped server left running as failed, so they block no window', async () => {
    const runner = new ReportRunner(engine.db, engine.cfg, () => {}, recordingBuild([]));
    await writeRunningClaim(engine.db, {
      runId: '00000000-0000-4000-8000-0000000000aa',
      scheduleId: 'cu',
      scheduleVersion: 1,
      windowFrom: '2026-01-05',
      windowTo: '2026-01-11',
      lang: 'en',
    });
    expect(await runner.busy('cu', '2026-01-11', 'en')).toBe(true);
    // Only the stale ones on a shared server; every one on the embedded engine the server owns.
    expect(await runner.failInterrupted(false)).toBe(0);
    expect(await runner.failInterrupted(true)).toBe(1);
    const [r] = await listRuns(engine.db, { runId: '00000000-0000-4000-8000-0000000000aa', limit: 1, offset: 0 });
    expect(r).toMatchObject({ state: 'failed', error: 'interrupted: the server stopped during the run' });
    expect(await runner.busy('cu', '2026-01-11', 'en')).toBe(false);
  });

  it('arms one cron task per enabled schedule and re-arms when schedules change', async () => {
    const names = () =>
      [...cron.getTasks().values()]
        .map((t) => t.name)
        .filter((n) => n?.startsWith('report-'))
        .sort();
    const deps = { db: engine.db, cfg: engine.cfg, log: silentLogger, jobs: new JobRegistry(silentLogger) };
    // Clock at 1970: nothing to catch up, only the arming is looked at.
    const sched = new ReportScheduler(deps, { runner: new ReportRunner(engine.db, engine.cfg, () => {}, recordingBuild([])), clock: () => new Date(0) });
    await sched.start();
    expect(names()).toEqual(['report-cu', 'report-daily', 'report-often', 'report-ov']);
    await saveAndSchedule(deps, {
      scheduleId: 'daily',
      input: { name: 'daily', tz: 'UTC', langs: ['en'], cron: '0 6 * * *', period: 'day', enabled: false },
      source: 'dashboard',
      author: 't',
    });
    await expect.poll(names).toEqual(['report-cu', 'report-often', 'report-ov']);
    await sched.stop();
    expect(names()).toEqual([]);
  });
});
