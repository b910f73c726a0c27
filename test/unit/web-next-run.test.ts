import { describe, expect, it } from 'vitest';
import { runDistance, runTime } from '../../web/src/lib/nextRun.ts';

describe('next report run in words', () => {
  const now = new Date('2026-12-05T12:00:00Z'); // a Saturday

  it('says when on the schedule’s clock', () => {
    expect(runTime('2026-12-07T00:00:00Z', 'Asia/Shanghai', 'en')).toBe('Mon, Dec 7, 08:00');
    expect(runTime('2026-12-07T00:00:00Z', 'Asia/Shanghai', 'zh')).toBe('12月7日周一 08:00');
    expect(runTime('2026-12-07T00:00:00Z', 'UTC', 'en')).toBe('Mon, Dec 7, 00:00');
  });

  it('says how far off, in minutes, hours or days', () => {
    expect(runDistance('2026-12-05T12:04:10Z', now, 'en')).toBe('in 5 minutes');
    expect(runDistance('2026-12-05T15:00:00Z', now, 'en')).toBe('in 3 hours');
    expect(runDistance('2026-12-06T20:00:00Z', now, 'en')).toBe('in 32 hours');
    expect(runDistance('2026-12-07T12:00:00Z', now, 'en')).toBe('in 2 days');
    expect(runDistance('2026-12-08T00:00:00Z', now, 'zh')).toBe('3天后');
    // A run due now (the clock moved on since the page loaded) is a minute away, never in the past.
    expect(runDistance('2026-12-05T11:59:00Z', now, 'en')).toBe('in 1 minute');
  });
});
