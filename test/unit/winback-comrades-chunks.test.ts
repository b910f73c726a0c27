import { describe, expect, it } from 'vitest';
import { halfMonthSpans, keyRanges } from '../../server/winback/comradesRun.ts';

describe('the chunks of the comrade count', () => {
  it('cover every UInt64 key once, in consecutive ranges', () => {
    expect(keyRanges(1)).toEqual([{ lo: '0', hi: '18446744073709551615' }]);
    for (const n of [2, 3, 7, 1000]) {
      const ranges = keyRanges(n);
      expect(ranges).toHaveLength(n);
      expect(ranges[0].lo).toBe('0');
      expect(ranges.at(-1)!.hi).toBe(String(2n ** 64n - 1n));
      for (let i = 1; i < n; i++) expect(BigInt(ranges[i].lo)).toBe(BigInt(ranges[i - 1].hi) + 1n);
    }
  });

  it('read the rollup half a month at a time, clipped to the span', () => {
    expect(halfMonthSpans('2026-01-20', '2026-03-05')).toEqual([
      { from: '2026-01-20', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-15' },
      { from: '2026-02-16', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-03-05' },
    ]);
    expect(halfMonthSpans('2026-12-31', '2027-01-01')).toEqual([
      { from: '2026-12-31', to: '2026-12-31' },
      { from: '2027-01-01', to: '2027-01-01' },
    ]);
    expect(halfMonthSpans('2026-02-10', '2026-02-10')).toEqual([{ from: '2026-02-10', to: '2026-02-10' }]);
    expect(halfMonthSpans('2026-02-15', '2026-02-16')).toEqual([
      { from: '2026-02-15', to: '2026-02-15' },
      { from: '2026-02-16', to: '2026-02-16' },
    ]);
  });
});
