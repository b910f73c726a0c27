import { describe, expect, it } from 'vitest';
import { pointsChange, previousRange, relativeChange, withStageChange } from '../../server/overview/comparison.ts';
import { summarizeStages } from '../../server/overview/overview.ts';
import { sumDecimals } from '../../server/money.ts';
import { daysBetween } from '../../server/days.ts';
import { DomainError } from '../../server/domainError.ts';
import { REQUESTS } from '../../contract/requests.ts';
import { parseInput } from '../../server/routes/input.ts';
import { rangeOf } from '../../server/routes/params.ts';

type RangeParams = Parameters<typeof rangeOf>[0];

describe('sumDecimals', () => {
  it('adds money exactly, where floats would drift', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['-4.59', '9.99', '0.0001'])).toBe('5.4001');
    expect(sumDecimals(['12345678901234.5678', '0.4322'])).toBe('12345678901235');
    expect(sumDecimals(['-1', '0.25'])).toBe('-0.75');
    expect(sumDecimals([])).toBe('0');
  });
});

describe('summarizeStages', () => {
  it('keeps lost players out of the decline count', () => {
    const s = summarizeStages('2026-03-31', [
      { stage: 'decline', status: 'leaving', players: 4, revenue: '10.5' },
      { stage: 'decline', status: 'lost', players: 7, revenue: '0' },
      { stage: 'decline', status: 'lapsed', players: 1, revenue: '0.25' },
      { stage: 'stable', status: '', players: 2, revenue: '3' },
    ]);
    const none = { playersBefore: null, change: null };
    expect(s).toEqual({
      asOf: '2026-03-31',
      comparedTo: '2026-03-24',
      lost: 7,
      lostBefore: null,
      counts: [
        { stage: 'exploration', players: 0, recentSpend: '0', ...none },
        { stage: 'growth', players: 0, recentSpend: '0', ...none },
        { stage: 'stable', players: 2, recentSpend: '3', ...none },
        { stage: 'decline', players: 5, recentSpend: '10.75', ...none },
      ],
    });
  });

  it('compares each stage with the week before: +50% from 2 to 3, none from 0, -100% to 0', () => {
    const now = summarizeStages('2026-03-31', [
      { stage: 'stable', status: '', players: 3, revenue: '0' },
      { stage: 'growth', status: '', players: 1, revenue: '0' },
      { stage: 'decline', status: 'lost', players: 2, revenue: '0' },
    ]);
    const before = summarizeStages('2026-03-24', [
      { stage: 'stable', status: '', players: 2, revenue: '0' },
      { stage: 'exploration', status: '', players: 4, revenue: '0' },
      { stage: 'decline', status: 'lost', players: 1, revenue: '0' },
    ]);
    const s = withStageChange(now, before);
    expect(s.counts.map((c) => [c.stage, c.players, c.playersBefore, c.change])).toEqual([
      ['exploration', 0, 4, -1],
      ['growth', 1, 0, null],
      ['stable', 3, 2, 0.5],
      ['decline', 0, 0, null],
    ]);
    expect([s.lost, s.lostBefore]).toEqual([2, 1]);
    // Without a snapshot a week before there is nothing to compare.
    expect(withStageChange(now, null).counts.every((c) => c.playersBefore === null && c.change === null)).toBe(true);
  });
});

describe('the previous period', () => {
  it('is the days of the same number just before the range, across a month end', () => {
    expect(previousRange({ from: '2026-03-08', to: '2026-03-14', server: 's1' })).toEqual({ from: '2026-03-01', to: '2026-03-07', server: 's1' });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-30', server: '' })).toEqual({ from: '2026-01-30', to: '2026-02-28', server: '' });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-01', server: '' })).toEqual({ from: '2026-02-28', to: '2026-02-28', server: '' });
  });

  it('gives a relative change for counts and money, points for shares, none against 0 or a missing share', () => {
    expect(relativeChange(6, 4)).toBe(0.5);
    expect(relativeChange(3, 0)).toBeNull();
    expect(relativeChange(3, -2)).toBeNull();
    expect(pointsChange(0.75, 0.5)).toBe(0.25);
    expect(pointsChange(0.75, null)).toBeNull();
  });
});

describe('rangeOf', () => {
  const range = (query: Record<string, unknown>) =>
    rangeOf(parseInput(REQUESTS['GET /api/overview'], { params: {}, query, body: undefined }, '2026-04-01').query as RangeParams, '2026-03-31');
  it('defaults to the 30 days ending on the last data day', () => {
    expect(range({})).toEqual({ from: '2026-03-02', to: '2026-03-31', server: '' });
  });
  it('keeps a valid range and server', () => {
    expect(range({ from: '2026-01-01', to: '2026-01-02', server: 's01' })).toEqual({ from: '2026-01-01', to: '2026-01-02', server: 's01' });
  });
  it.each([
    [{ from: '2026-02-30' }, 'from must be a day'],
    [{ to: '31/03/2026' }, 'to must be a day'],
    [{ to: '0000-01-01' }, 'from 1970-01-01 to 2027-04-02'],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'is after'],
    [{ from: '2020-01-01', to: '2026-01-01' }, 'at most'],
    [{ server: "s1' OR 1=1" }, 'server may hold only'],
    [{ server: ['a', 'b'] }, 'given once'],
  ])('refuses %j with a 400', (q, msg) => {
    expect(() => range(q)).toThrow(DomainError);
    expect(() => range(q)).toThrow(msg);
  });
});

describe('daysBetween', () => {
  it('lists days inclusively across a month end', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });
});
