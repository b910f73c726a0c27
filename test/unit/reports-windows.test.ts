import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { planCatchUp } from '../../server/reports/catchUp.ts';
import { validateSchedule } from '../../server/reports/schedule.ts';
import { scheduleErrorText } from '../../web/src/lib/reportForm.ts';
import {
  checkCron,
  dayIn,
  fireTimes,
  instantsOfWallTime,
  pastWindow,
  periodBefore,
  periodContaining,
  windowOfFire,
} from '../../server/reports/scheduleWindows.ts';

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe('fire times', () => {
  it('finds Monday 08:00 in a zone, and agrees with node-cron minute by minute', () => {
    const after = new Date('2026-03-01T00:00:00Z');
    const until = new Date('2026-03-20T00:00:00Z');
    const got = fireTimes('0 8 * * 1', 'Asia/Shanghai', after, until);
    expect(iso(got)).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z']);
    // node-cron's own matcher over every minute of a DST week in New York, for a busier expression.
    const task = cron.createTask('*/20 1-3 * * 0,1', () => {}, { timezone: 'America/New_York' });
    const from = Date.parse('2026-03-07T00:00:00Z');
    const to = Date.parse('2026-03-10T00:00:00Z');
    const expected: string[] = [];
    for (let t = from + 60_000; t <= to; t += 60_000) if (task.match(new Date(t))) expected.push(new Date(t).toISOString());
    void task.destroy();
    expect(iso(fireTimes('*/20 1-3 * * 0,1', 'America/New_York', new Date(from), new Date(to)))).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
  });

  it('skips a wall time lost to spring-forward and sees a repeated one twice', () => {
    // 2026-03-08 02:30 does not exist in New York; 2026-11-01 01:30 happens twice.
    expect(instantsOfWallTime(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York')).toEqual([]);
    expect(instantsOfWallTime(Date.UTC(2026, 10, 1, 1, 30), 'America/New_York').map((t) => new Date(t).toISOString())).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:30:00.000Z',
    ]);
    const spring = fireTimes('30 2 * * *', 'America/New_York', new Date('2026-03-07T00:00:00Z'), new Date('2026-03-10T00:00:00Z'));
    expect(iso(spring)).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
    // Europe/Berlin: 08:00 is 07:00Z before the change and 06:00Z after it.
    const berlin = fireTimes('0 8 * * 1', 'Europe/Berlin', new Date('2026-03-20T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(iso(berlin)).toEqual(['2026-03-23T07:00:00.000Z', '2026-03-30T06:00:00.000Z']);
  });

  it('takes plain five-field expressions only', () => {
    expect(checkCron('0 8 * * 1').ok).toBe(true);
    expect(checkCron('0 0 8 * * 1').message).toMatch(/five fields/);
    expect(checkCron('0 8 L * *').message).toMatch(/L and #/);
    expect(checkCron('0 25 * * *').ok).toBe(false);
  });
});

describe('windows', () => {
  it('weeks start on Monday or Sunday, months are calendar months', () => {
    expect(periodContaining('week', '2026-03-04', 1)).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(periodContaining('week', '2026-03-04', 7)).toEqual({ from: '2026-03-01', to: '2026-03-07' });
    expect(periodContaining('month', '2024-02-10', 1)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodContaining('day', '2026-03-04', 1)).toEqual({ from: '2026-03-04', to: '2026-03-04' });
    expect(periodBefore('month', '2026-01-15', 1)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(periodBefore('week', '2026-03-02', 1)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
  });

  it('a firing reports the last complete period before the game day it falls on', () => {
    // Monday 08:00 Shanghai = Monday 00:00Z: in a UTC game that is already Monday, so last week is complete.
    expect(windowOfFire('week', new Date('2026-03-09T00:00:00Z'), 'UTC', 1)).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    // The same instant in a Los Angeles game is still Sunday afternoon: the week before is the last complete one.
    expect(windowOfFire('week', new Date('2026-03-09T00:00:00Z'), 'America/Los_Angeles', 1)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    // Sunday-start weeks.
    expect(windowOfFire('week', new Date('2026-03-09T00:00:00Z'), 'UTC', 7)).toEqual({ from: '2026-03-01', to: '2026-03-07' });
    expect(windowOfFire('day', new Date('2026-03-09T00:30:00Z'), 'UTC', 1)).toEqual({ from: '2026-03-08', to: '2026-03-08' });
    expect(windowOfFire('month', new Date('2026-03-01T08:00:00Z'), 'UTC', 1)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    // Across the New York spring change the day is still read on the game's wall clock.
    expect(dayIn(new Date('2026-03-09T03:59:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(dayIn(new Date('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-03-09');
  });

  it('run now takes only periods that ended before today', () => {
    const now = new Date('2026-03-11T12:00:00Z');
    expect(pastWindow('week', '2026-03-04', now, 'UTC', 1)).toEqual({ window: { from: '2026-03-02', to: '2026-03-08' }, error: '' });
    expect(pastWindow('week', '2026-03-10', now, 'UTC', 1).error).toMatch(/has not ended yet/);
    expect(pastWindow('day', '2026-03-10', now, 'UTC', 1).error).toBe('');
  });
});

describe('catch-up plan', () => {
  const base = {
    cron: '0 8 * * 1',
    tz: 'UTC',
    period: 'week' as const,
    langs: ['en', 'zh'],
    gameTz: 'UTC',
    weekStart: 1 as const,
    done: new Set<string>(),
    cap: 7,
  };

  it('lists each missed window once, oldest first, and the languages still missing', () => {
    const plan = planCatchUp({ ...base, since: new Date('2026-03-02T08:00:00Z'), now: new Date('2026-03-25T00:00:00Z'), done: new Set(['2026-03-08/en']) });
    expect(plan.windows.map((w) => [w.window.to, w.langs, w.firedAt.toISOString()])).toEqual([
      ['2026-03-08', ['zh'], '2026-03-09T08:00:00.000Z'],
      ['2026-03-15', ['en', 'zh'], '2026-03-16T08:00:00.000Z'],
      ['2026-03-22', ['en', 'zh'], '2026-03-23T08:00:00.000Z'],
    ]);
    expect(plan.skipped).toBe(0);
  });

  it('keeps the newest windows up to the cap and counts the rest', () => {
    const plan = planCatchUp({ ...base, cap: 2, since: new Date('2026-01-01T00:00:00Z'), now: new Date('2026-03-25T00:00:00Z') });
    expect(plan.windows.map((w) => w.window.to)).toEqual(['2026-03-15', '2026-03-22']);
    expect(plan.skipped).toBe(10);
  });

  it('several firings of one window run it once', () => {
    const plan = planCatchUp({ ...base, cron: '0 */6 * * *', since: new Date('2026-03-09T00:00:00Z'), now: new Date('2026-03-12T00:00:00Z') });
    expect(plan.windows.map((w) => w.window.to)).toEqual(['2026-03-08']);
    expect(plan.windows[0].firedAt.toISOString()).toBe('2026-03-12T00:00:00.000Z');
  });
});

/** A schedule with every field wrong. */
const BAD_EVERYWHERE: Record<string, unknown> = {
  name: '',
  cron: 'every monday',
  tz: 'Mars/Base',
  period: 'year',
  langs: ['fr'],
  emails: ['nobody'],
  webhooks: ['ftp://x'],
  topN: 0,
  sections: ['gossip'],
  enabled: 'yes',
};

describe('schedule validation', () => {
  it('normalises a good schedule and names every bad field', () => {
    const ok = validateSchedule(
      { name: ' Weekly ', cron: '0  8 * * 1', langs: ['zh', 'en', 'en'], emails: ['a@example.com'], topN: 10, sections: ['retention', 'stage_mix'] },
      { tz: 'UTC' },
    );
    expect(ok.errors).toEqual([]);
    expect(ok.draft).toMatchObject({
      name: 'Weekly',
      cron: '0 8 * * 1',
      tz: 'UTC',
      period: 'week',
      langs: ['en', 'zh'],
      sections: ['stage_mix', 'retention'],
      enabled: true,
    });
    const bad = validateSchedule(BAD_EVERYWHERE, { tz: 'UTC' });
    expect(bad.errors.map((e) => e.field).sort()).toEqual(['cron', 'emails', 'enabled', 'langs', 'name', 'period', 'sections', 'topN', 'tz', 'webhooks']);
  });

  it('gives each refusal as a code with its values, which the dashboard words in both languages', () => {
    const inputs: Record<string, unknown>[] = [
      BAD_EVERYWHERE,
      { name: 'x'.repeat(121), cron: '61 8 * * 1', langs: [], sections: [], includePlayerIds: 1, texts: [] },
      { name: 7, cron: '0 8 L * *', langs: 'en', emails: Array.from({ length: 51 }, (_, i) => `a${i}@example.com`), texts: { zh: { name: 5 } } },
      { cron: '', texts: { fr: { name: 'x' } } },
    ];
    const errors = inputs.flatMap((input) => validateSchedule(input, { tz: 'UTC' }).errors);
    const codes = new Set(errors.map((e) => e.code));
    for (const code of [
      'required',
      'text',
      'too_long',
      'cron_fields',
      'cron_invalid',
      'cron_unsupported',
      'time_zone',
      'unknown',
      'list',
      'too_many',
      'empty',
      'email',
      'url',
      'whole_range',
      'boolean',
      'texts_object',
    ])
      expect(codes, code).toContain(code);
    for (const e of errors) {
      const english = scheduleErrorText(e, 'en');
      const chinese = scheduleErrorText(e, 'zh');
      expect(english.length, e.message).toBeGreaterThan(0);
      expect(chinese, e.message).toMatch(/\p{Script=Han}/u);
      for (const text of [english, chinese]) expect(text, `${e.code}: ${text}`).not.toMatch(/\{[a-z]+\}/i);
    }
    const cron = errors.find((e) => e.code === 'cron_invalid')!;
    expect(scheduleErrorText(cron, 'en')).toMatch(/^“61 8 \* \* 1” is not a valid cron expression: .+/);
    expect(scheduleErrorText(cron, 'zh')).toMatch(/^“61 8 \* \* 1”不是有效的 cron 表达式：.+/);
  });
});
