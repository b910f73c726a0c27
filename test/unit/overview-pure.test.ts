import { describe, expect, it } from 'vitest';
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
    expect(s).toEqual({
      asOf: '2026-03-31',
      lost: 7,
      counts: [
        { stage: 'exploration', players: 0, revenue: '0' },
        { stage: 'growth', players: 0, revenue: '0' },
        { stage: 'stable', players: 2, revenue: '3' },
        { stage: 'decline', players: 5, revenue: '10.75' },
      ],
    });
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
