import { describe, expect, it } from 'vitest';
import { changeText, sparkPoints } from '../../web/src/lib/metricChange.ts';

describe('period change text', () => {
  it('writes a relative change as a signed percentage and a share as signed points, in both languages', () => {
    expect(changeText('en', 'relative', 0.4571428)).toEqual({ text: '+45.7%', direction: 'up' });
    expect(changeText('en', 'relative', -1 / 3)).toEqual({ text: '-33.3%', direction: 'down' });
    expect(changeText('en', 'relative', 0)).toEqual({ text: '0%', direction: 'flat' });
    expect(changeText('en', 'points', 2 / 3 - 1 / 2)).toEqual({ text: '+16.7 pt', direction: 'up' });
    expect(changeText('zh', 'points', -0.021)).toEqual({ text: '-2.1 个百分点', direction: 'down' });
    expect(changeText('zh', 'relative', null)).toEqual({ text: '–', direction: 'none' });
  });
});

describe('sparkline points', () => {
  it('spreads the values over the width, lowest at the bottom and highest at the top', () => {
    expect(sparkPoints([0, 5, 10], 100, 20)).toBe('0.0,20.0 50.0,10.0 100.0,0.0');
    expect(sparkPoints([3, 3], 10, 20)).toBe('0.0,10.0 10.0,10.0');
    expect(sparkPoints([7], 10, 20)).toBe('');
  });
});
