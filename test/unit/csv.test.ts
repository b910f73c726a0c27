import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../server/csv.ts';
import { addDays, daysBetween, weekStartOf } from '../../server/days.ts';

describe('csvCell', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 'plain'])).toBe('"a,b","say ""hi""","two\nlines",plain');
  });
  it('defuses text a spreadsheet would run as a formula, but keeps numbers numbers', () => {
    expect(['=HYPERLINK("x")', '+1+2', '-cmd', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(['"\'=HYPERLINK(""x"")"', "'+1+2", "'-cmd", "'@SUM(A1)", "'\tx"]);
    expect([csvCell('-4.99'), csvCell(-3), csvCell(12), csvCell(null), csvCell('')]).toEqual(['-4.99', '-3', '12', '', '']);
  });
});

describe('calendar days', () => {
  it('finds the start of a week from Monday or from Sunday', () => {
    // 2026-03-01 is a Sunday.
    expect(['2026-03-01', '2026-03-02', '2026-03-08'].map((d) => weekStartOf(d, 1))).toEqual(['2026-02-23', '2026-03-02', '2026-03-02']);
    expect(['2026-03-01', '2026-03-02', '2026-03-07'].map((d) => weekStartOf(d, 7))).toEqual(['2026-03-01', '2026-03-01', '2026-03-01']);
  });
  it('adds days across month ends and lists ranges', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(daysBetween('2026-02-28', '2026-03-01')).toEqual(['2026-02-28', '2026-03-01']);
  });
});
