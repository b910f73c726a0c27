import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { applyScheduleConfig, readSchedulesFile } from '../../server/reports/scheduleConfig.ts';
import { listSchedules } from '../../server/reports/scheduleStore.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';

let engine: TestEngine;
beforeAll(async () => {
  engine = await freshEngine({ GAME_TZ: 'Asia/Shanghai', REPORT_EMAILS: 'ops@example.com, lead@example.com', REPORT_WEBHOOKS: 'https://hooks.example.com/r' });
});
afterAll(() => engine?.cleanup());

const file = (name: string, content: unknown) => {
  const p = path.join(engine.dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

describe('schedules from configuration', () => {
  it('creates the default weekly report when there is no schedule, with the REPORT_EMAILS / REPORT_WEBHOOKS recipients', async () => {
    const logs: string[] = [];
    await applyScheduleConfig(engine.db, engine.cfg, (m) => logs.push(m));
    const [s] = await listSchedules(engine.db);
    expect(s).toMatchObject({
      scheduleId: 'weekly',
      name: 'Weekly churn report',
      cron: '0 8 * * 1',
      tz: 'Asia/Shanghai',
      period: 'week',
      langs: ['en', 'zh'],
      emails: ['ops@example.com', 'lead@example.com'],
      webhooks: ['https://hooks.example.com/r'],
      source: 'default',
      version: 1,
    });
    await applyScheduleConfig(engine.db, engine.cfg, (m) => logs.push(m));
    expect((await listSchedules(engine.db)).map((x) => x.version)).toEqual([1]);
    expect(logs).toHaveLength(1);
  });

  it('applies a REPORT_SCHEDULES file as new versions only when a schedule differs', async () => {
    const entry = { id: 'exec', name: 'Exec monthly', cron: '0 9 1 * *', period: 'month', langs: ['zh'], emails: ['boss@example.com'] };
    const cfg = { ...engine.cfg, reports: { ...engine.cfg.reports, schedulesFile: file('s.json', { schedules: [entry] }) } };
    await applyScheduleConfig(engine.db, cfg, () => {});
    await applyScheduleConfig(engine.db, cfg, () => {});
    let exec = (await listSchedules(engine.db)).find((s) => s.scheduleId === 'exec')!;
    expect(exec).toMatchObject({ version: 1, source: 'config', tz: 'Asia/Shanghai', topN: 20 });
    cfg.reports.schedulesFile = file('s.json', [{ ...entry, topN: 5 }]);
    await applyScheduleConfig(engine.db, cfg, () => {});
    exec = (await listSchedules(engine.db)).find((s) => s.scheduleId === 'exec')!;
    expect(exec).toMatchObject({ version: 2, topN: 5 });
  });

  it('names the file, the entry and the field of every problem', () => {
    const cfg = engine.cfg;
    expect(() => readSchedulesFile(path.join(engine.dir, 'missing.json'), cfg)).toThrow(/missing.json: no such file/);
    expect(() => readSchedulesFile(file('bad.json', '{ nope'), cfg)).toThrow(ConfigError);
    expect(() => readSchedulesFile(file('obj.json', { x: 1 }), cfg)).toThrow(/expected a JSON array/);
    const err = (() => {
      try {
        readSchedulesFile(
          file('fields.json', [
            { id: 'a', name: 'A', cron: '0 8 * * 1' },
            { id: 'a', name: '', cron: '61 * * * *', langs: ['fr'] },
            { id: 'Bad Id', name: 'x', cron: '0 0 * * *' },
          ]),
          cfg,
        );
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(err).toMatch(/entry 2: id "a" is used twice/);
    expect(err).toMatch(/entry 2 \(a\): name is required/);
    expect(err).toMatch(/entry 2 \(a\): cron "61 \* \* \* \*"/);
    expect(err).toMatch(/entry 2 \(a\): langs must be one of en, zh/);
    expect(err).toMatch(/entry 3: "id" must be lowercase/);
  });

  it('a bad default recipient stops the start with a clear message', async () => {
    const cfg = loadConfig({ DATA_DIR: path.join(engine.dir, 'x'), REPORT_EMAILS: 'not-an-address' } as NodeJS.ProcessEnv, engine.dir);
    await expect(applyScheduleConfig(engine.db, cfg, () => {})).rejects.toThrow(
      /default report schedule \(REPORT_EMAILS \/ REPORT_WEBHOOKS\): "not-an-address" is not an e-mail address/,
    );
  });
});
