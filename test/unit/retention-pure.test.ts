import { describe, expect, it } from 'vitest';
import { cohortMembers, cohortOf, periodOf } from '../../server/queries/retention/cohortSql.ts';
import { retentionCsv } from '../../server/retention/csvExport.ts';
import type { RetentionCohort } from '../../contract/retention.ts';
import { averageRates, partialPeriod, periodStart, shapeRows } from '../../server/retention/retention.ts';

describe('cohort SQL fragments', () => {
  it('puts a day in its own cohort, or in the week the {wmode} parameter starts', () => {
    expect(cohortOf('day', 'first')).toBe('first');
    expect(cohortOf('week', 'first')).toBe('toStartOfWeek(first, {wmode:UInt8})');
  });

  it('counts periods in days, or in whole weeks from the cohort week', () => {
    expect(periodOf('day', 'd.day')).toBe("dateDiff('day', cohort, d.day)");
    expect(periodOf('week', 'd.day')).toBe("intDiv(dateDiff('day', cohort, toStartOfWeek(d.day, {wmode:UInt8})), 7)");
  });

  it('selects members through typed parameters only', () => {
    const sql = cohortMembers('week');
    for (const p of ['{from:Date}', '{to:Date}', '{server:String}', '{platform:String}', '{channel:String}', '{wmode:UInt8}']) expect(sql).toContain(p);
    expect(sql).toContain('FROM player_attributes');
    expect(cohortMembers('day')).not.toContain('wmode');
  });
});

describe('shapeRows', () => {
  const sizes = [
    { cohort: '2026-03-02', size: 2 },
    { cohort: '2026-03-09', size: 0 },
  ];
  const cells = [
    { cohort: '2026-03-02', n: 0, v: 2 },
    { cohort: '2026-03-02', n: 1, v: 1 },
  ];
  const shape = (grain: 'day' | 'week', lastDay: string) =>
    shapeRows(
      sizes,
      cells,
      (c) => `${c.cohort}|${c.n}`,
      (c) => c?.v ?? 0,
      grain,
      lastDay,
    );

  it('fills missing periods with zero and leaves periods after the last day with data null', () => {
    const [a, b] = shape('day', '2026-03-10');
    expect(a.values).toHaveLength(31);
    expect(a.values.slice(0, 10)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, null]);
    expect(b.values.slice(0, 3)).toEqual([0, 0, null]);
  });

  it('counts a week as started on its first day', () => {
    expect(periodStart('week', '2026-03-02', 1)).toBe('2026-03-09');
    const [a, b] = shape('week', '2026-03-09');
    expect(a.values).toHaveLength(13);
    expect(a.values.slice(0, 3)).toEqual([2, 1, null]);
    expect(b.values.slice(0, 2)).toEqual([0, null]);
  });
});

describe('retentionCsv', () => {
  const rows: RetentionCohort[] = [{ cohort: '2026-03-02', size: 3, players: [3, 1, null], rates: [1, 1 / 3, null], partialPeriod: null }];

  it('writes a header row, percentages with two decimals and empty cells for periods not reached', () => {
    const csv = retentionCsv({ grain: 'week', server: 's01', platform: '', channel: '' }, rows);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(['cohort,size,server_id,platform,channel', ...Array.from({ length: 13 }, (_, n) => `W${n}`), 'partial_period'].join(','));
    // Every row has every period's cell, so columns line up whatever a cohort reached.
    expect(lines[1]).toBe(`2026-03-02,3,s01,,,100.00,33.33${','.repeat(12)}`);
    expect(lines[2]).toBe('');
    // The week in progress is named in the last column.
    const partial = retentionCsv({ grain: 'week', server: '', platform: '', channel: '' }, [{ ...rows[0], partialPeriod: 1 }]);
    expect(partial.split('\r\n')[1]).toBe(`2026-03-02,3,,,,100.00,33.33${','.repeat(12)}W1`);
  });

  it('defuses filter values a spreadsheet would run as formulas', () => {
    const csv = retentionCsv({ grain: 'day', server: '', platform: '@SUM(A1)', channel: '=HYPERLINK("http://x","y")' }, rows);
    expect(csv.split('\r\n')[1].startsWith(`2026-03-02,3,,'@SUM(A1),"'=HYPERLINK(""http://x"",""y"")",100.00,`)).toBe(true);
  });

  it('is a header only when there is no data', () => {
    expect(retentionCsv(null, []).split('\r\n')).toEqual([
      ['cohort,size,server_id,platform,channel', ...Array.from({ length: 31 }, (_, n) => `D${n}`), 'partial_period'].join(','),
      '',
    ]);
  });
});

describe('partial periods and the average row', () => {
  it('marks the period a cohort has started but not finished', () => {
    // Weekly cohort of Monday 03-02: W0 03-02..03-08, W1 03-09..03-15. Last day with data 03-10 (a Tuesday):
    // W1 has started and is not over, so it is partial; W2 (from 03-16) has not started.
    expect(partialPeriod('week', '2026-03-02', '2026-03-10', '2026-03-10')).toBe(1);
    // Data through Sunday 03-15: W1 is complete, W2 not started: nothing partial.
    expect(partialPeriod('week', '2026-03-02', '2026-03-15', '2026-03-15')).toBe(null);
    // The cohort of the week in progress itself: its W0 is partial (members still arriving).
    expect(partialPeriod('week', '2026-03-09', '2026-03-10', '2026-03-10')).toBe(0);
    // Daily cohorts: a day is complete unless it is still under way (complete through the day before).
    expect(partialPeriod('day', '2026-03-08', '2026-03-10', '2026-03-10')).toBe(null);
    expect(partialPeriod('day', '2026-03-08', '2026-03-10', '2026-03-09')).toBe(2);
    // Past the last period shown (W12), nothing is partial.
    expect(partialPeriod('week', '2025-01-06', '2026-03-10', '2026-03-10')).toBe(null);
  });

  it('pools the periods observed in full, weighted by cohort size', () => {
    // Cohort A (10 players): W0 10, W1 6, W2 4. Cohort B (30): W0 30, W1 12 (partial), W2 not reached.
    // W0: (10 + 30) / (10 + 30) = 1. W1: B's partial week is left out: 6 / 10 = 0.6 (with it, 18 / 40 = 0.45).
    // W2: 4 / 10 = 0.4. W3: no cohort reached it: null.
    const cohorts: RetentionCohort[] = [
      { cohort: '2026-03-02', size: 10, players: [10, 6, 4, null], rates: [1, 0.6, 0.4, null], partialPeriod: null },
      { cohort: '2026-03-09', size: 30, players: [30, 12, null, null], rates: [1, 0.4, null, null], partialPeriod: 1 },
    ];
    expect(averageRates(cohorts, 4)).toEqual([1, 0.6, 0.4, null]);
  });
});
