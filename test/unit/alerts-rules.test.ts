import { describe, expect, it } from 'vitest';
import { addDays } from '../../server/days.ts';
import { belowBandRule, decide, declineRise, noNewFile, quarantineJump, type StageDay } from '../../server/alerts/rules.ts';
import { defaultAlertSettings, mergeAlertSettings } from '../../server/alerts/settings.ts';
import { loadConfig } from '../../server/config.ts';

const P = { weeks: 6, minWeeks: 4, k: 3, minDropPercent: 10 };
const DAY = '2026-02-16'; // a Monday

/** The day's value and the same weekday's history, `weeks` weeks back. */
const series = (today: string, history: string[]) => new Map([[DAY, today], ...history.map((v, i) => [addDays(DAY, -7 * (i + 1)), v] as [string, string])]);

describe('no_new_file', () => {
  const last = new Date('2026-02-16T00:00:00Z');
  it('trips past the limit and not before', () => {
    expect(noNewFile(last, new Date('2026-02-16T06:30:00Z'), { hours: 6 })).toMatchObject({ outcome: 'tripped', observed: '6.5000', high: '6' });
    expect(noNewFile(last, new Date('2026-02-16T05:59:00Z'), { hours: 6 }).outcome).toBe('ok');
    expect(noNewFile(null, new Date(), { hours: 6 }).outcome).toBe('no_data');
  });
});

describe('dau_below_band / revenue_below_band', () => {
  it('trips below the same weekday band and not inside it', () => {
    const low = belowBandRule(DAY, series('20', ['30', '30', '31', '29', '30', '30']), '2026-01-01', P);
    expect(low).toMatchObject({ outcome: 'tripped', day: DAY, observed: '20', expected: '30.0000', low: '27.0000', high: '33.0000' });
    expect(low.detail).toEqual({ weeks: 6, mad: '0.0000' });
    expect(belowBandRule(DAY, series('28', ['30', '30', '31', '29', '30', '30']), '2026-01-01', P).outcome).toBe('ok');
  });

  it('judges money as decimals', () => {
    const v = belowBandRule(DAY, series('47.2499', ['52.5', '52.5', '52.5', '52.5']), '2026-01-01', P);
    expect(v).toMatchObject({ outcome: 'tripped', low: '47.2500' });
    expect(belowBandRule(DAY, series('47.25', ['52.5', '52.5', '52.5', '52.5']), '2026-01-01', P).outcome).toBe('ok');
  });

  it('gives no alert with too little history, and says so; weeks before the first day are no history', () => {
    const few = belowBandRule(DAY, series('0', ['30', '30', '30']), '2026-01-01', P);
    expect(few).toMatchObject({ outcome: 'no_history', observed: '0', expected: null, detail: { weeks: 3, minWeeks: 4 } });
    // zeros before the game's first day do not count as weeks of history
    const early = belowBandRule(DAY, series('0', ['30', '30', '0', '0', '0', '0']), addDays(DAY, -14), P);
    expect(early).toMatchObject({ outcome: 'no_history', detail: { weeks: 2 } });
    expect(belowBandRule(null, new Map(), null, P).outcome).toBe('no_data');
  });
});

describe('quarantine_share_jump', () => {
  const p = { jumpPoints: 5, minRows: 100 };
  it('trips on a jump of more than the limit in points', () => {
    expect(quarantineJump({ rows: 200, bad: 60 }, { rows: 1000, bad: 10 }, p)).toMatchObject({
      outcome: 'tripped',
      observed: '30.0000',
      expected: '1.0000',
      high: '6.0000',
    });
    expect(quarantineJump({ rows: 200, bad: 11 }, { rows: 1000, bad: 10 }, p).outcome).toBe('ok'); // 5.5% vs 1%: 4.5 points
  });
  it('needs enough rows on both sides', () => {
    expect(quarantineJump({ rows: 50, bad: 50 }, { rows: 1000, bad: 0 }, p).outcome).toBe('no_data');
    expect(quarantineJump({ rows: 200, bad: 100 }, { rows: 0, bad: 0 }, p)).toMatchObject({ outcome: 'no_history', observed: '50.0000' });
  });
});

describe('decline_rise', () => {
  const p = { dayPoints: 2, weekPoints: 5 };
  /** The decline share (percent of a base of 100) a week before, the day before and on the day; null: no snapshot. */
  const judge = (week: number | null, before: number | null, on: number | null) => {
    const shares: [string, number | null][] = [
      [addDays(DAY, -7), week],
      [addDays(DAY, -1), before],
      [DAY, on],
    ];
    const days: StageDay[] = shares
      .filter((x): x is [string, number] => x[1] !== null)
      .map(([day, decline]) => ({ day, exploration: 0, growth: 0, stable: 100 - decline, decline }));
    return declineRise(DAY, days, p);
  };
  it('trips on a rise against the day before or a week before', () => {
    const jump = judge(10, 10, 13);
    expect(jump).toMatchObject({ outcome: 'tripped', observed: '13.0000', expected: '10.0000', high: '12.0000' });
    expect(jump.detail).toEqual({ weekBefore: '10.0000', dayRise: '3.0000', weekRise: '3.0000' });
    // a slow climb: 1.5 points a day but 6 points over the week
    expect(judge(10, 14.5, 16).outcome).toBe('tripped');
  });
  it('does not trip on a small rise or a fall', () => {
    expect(judge(10, 10, 11.5).outcome).toBe('ok');
    expect(judge(null, 30, 10).outcome).toBe('ok');
  });
  it('needs the day and a day to compare with', () => {
    expect(judge(null, null, 50).outcome).toBe('no_history');
    expect(judge(10, 10, null).outcome).toBe('no_data');
  });
});

describe('cool-down and repeats', () => {
  const now = new Date('2026-02-17T12:00:00Z');
  it('fires a tripped rule unless its last alert is within the cool-down or named the same day', () => {
    expect(decide('tripped', DAY, null, now, 24)).toBe('fired');
    expect(decide('tripped', DAY, { firedAt: new Date('2026-02-17T00:00:00Z'), day: '2026-02-15' }, now, 24)).toBe('cooling');
    expect(decide('tripped', DAY, { firedAt: new Date('2026-02-16T11:59:00Z'), day: '2026-02-15' }, now, 24)).toBe('fired');
    expect(decide('tripped', DAY, { firedAt: new Date('2026-02-01T00:00:00Z'), day: DAY }, now, 24)).toBe('repeat');
    expect(decide('tripped', null, { firedAt: new Date('2026-02-17T11:00:00Z'), day: null }, now, 0)).toBe('fired');
    expect(decide('ok', DAY, null, now, 24)).toBe('ok');
    expect(decide('no_history', DAY, null, now, 24)).toBe('no_history');
  });
});

describe('alert settings', () => {
  const cfg = loadConfig({ DATA_DIR: '/tmp/unused' } as NodeJS.ProcessEnv, '/tmp');
  const defaults = defaultAlertSettings(cfg);

  it('has a default for every setting', () => {
    expect(defaults.rules.dau_below_band).toEqual({ enabled: true, params: { weeks: 6, minWeeks: 4, k: 3, minDropPercent: 10, cooldownHours: 24 } });
    expect(defaults.rules.no_new_file.params).toEqual({ hours: 6, cooldownHours: 6 });
    expect(defaults.notify).toEqual({ webhooks: [], emails: [], lang: 'en' });
  });

  it('merges a change and keeps the rest', async () => {
    const { settings, errors } = await mergeAlertSettings(cfg, defaults, {
      rules: { no_new_file: { params: { hours: 12 } }, decline_rise: { enabled: false } },
      notify: { webhooks: ['http://127.0.0.1:9/hook'], lang: 'zh' },
    });
    expect(errors).toEqual([]);
    expect(settings.rules.no_new_file.params).toEqual({ hours: 12, cooldownHours: 6 });
    expect(settings.rules.decline_rise.enabled).toBe(false);
    expect(settings.notify).toEqual({ webhooks: ['http://127.0.0.1:9/hook'], emails: [], lang: 'zh' });
    expect(defaults.rules.no_new_file.params.hours).toBe(6);
  });

  it('names every bad field with a code', async () => {
    const { errors } = await mergeAlertSettings(cfg, defaults, {
      rules: {
        nope: {},
        no_new_file: { params: { hours: 0.5, extra: 1 } },
        dau_below_band: { enabled: 'yes', params: { weeks: 3, k: 'x' } },
        revenue_below_band: { params: { cooldownHours: 721 } },
      },
      notify: { webhooks: ['ftp://x', 'https://example.com/hook'], emails: ['not-an-address'], lang: 'fr' },
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['nope', 'unknown'],
      ['no_new_file.hours', 'whole'],
      ['no_new_file.extra', 'unknown'],
      ['dau_below_band.enabled', 'flag'],
      ['dau_below_band.k', 'number'],
      ['dau_below_band.minWeeks', 'min_weeks'],
      ['revenue_below_band.cooldownHours', 'range'],
      ['notify.webhooks.0', 'url'],
      ['notify.webhooks.1', 'not_allowed'],
      ['notify.emails.0', 'email'],
      ['notify.lang', 'lang'],
    ]);
    expect(errors.find((e) => e.code === 'range')).toMatchObject({
      vars: { min: 0, max: 720 },
      message: 'revenue_below_band.cooldownHours: must be between 0 and 720',
    });
    expect(errors.find((e) => e.code === 'not_allowed')?.message).toContain('example.com');
  });
});
