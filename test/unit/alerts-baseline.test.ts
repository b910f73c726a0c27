import { describe, expect, it } from 'vitest';
import { band, belowBand, mad, median } from '../../server/alerts/baseline.ts';

describe('alert baseline: median, MAD and band on decimal text', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median(['3', '1', '2'])).toBe('2.0000');
    expect(median(['4', '1', '3', '2'])).toBe('2.5000');
    expect(median(['0.0001', '0.0002'])).toBe('0.0002'); // half a ten-thousandth rounds away from zero
    expect(median(['-5', '-1'])).toBe('-3.0000');
    expect(() => median([])).toThrow(RangeError);
  });

  it('adds money exactly where floats would not: 0.1 + 0.2 over 2', () => {
    expect(median(['0.1', '0.2'])).toBe('0.1500');
    expect(median(['9999999999999.9999', '9999999999999.9997'])).toBe('9999999999999.9998');
  });

  it('measures spread by the median absolute deviation, untouched by one outlier', () => {
    // deviations from 10: 2, 1, 0, 1, 990 -> median 1
    expect(mad(['8', '9', '10', '11', '1000'])).toBe('1.0000');
    expect(mad(['5', '5', '5'])).toBe('0.0000');
  });

  it('bands the median by k x MAD, widened to the minimum drop', () => {
    // median 100, MAD 4 -> k 3 gives ±12, more than 10% (10)
    expect(band(['92', '96', '100', '104', '108'], 3, 10)).toEqual({ median: '100.0000', mad: '4.0000', low: '88.0000', high: '112.0000' });
    // a flat history: MAD 0, the 10% floor keeps the band from collapsing onto the median
    expect(band(['30', '30', '30', '30'], 3, 10)).toEqual({ median: '30.0000', mad: '0.0000', low: '27.0000', high: '33.0000' });
    // A wide band over a history never below 0 stops at 0; one that went below 0 (refunds) keeps its edge.
    expect(band(['10', '100', '310', '500', '700'], 3, 10)).toMatchObject({ median: '310.0000', mad: '210.0000', low: '0.0000', high: '940.0000' });
    expect(band(['-5', '10', '20'], 3, 10)).toMatchObject({ median: '10.0000', mad: '10.0000', low: '-20.0000', high: '40.0000' });
    // k = 2.5 on money
    expect(band(['52.50', '50.00', '55.00', '52.50'], 2.5, 0)).toMatchObject({ median: '52.5000', mad: '1.2500', low: '49.3750', high: '55.6250' });
  });

  it('says below only strictly under the low edge', () => {
    const b = { low: '27.0000' };
    expect(belowBand('26.9999', b)).toBe(true);
    expect(belowBand('27', b)).toBe(false);
    expect(belowBand('30', b)).toBe(false);
  });
});
