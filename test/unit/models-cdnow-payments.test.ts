import { describe, expect, it } from 'vitest';
import { cdnowPayments, cdnowSampleIds } from '../../server/models/cdnowPayments.ts';

const SAMPLE = [' 00004 0001 19970101  2   29.33', ' 00004 0001 19970118  2   29.73', '', ' 00021 0002 19970101  3   63.34', ''].join('\n');

describe('CDNOW sample as payments', () => {
  it('makes one contract row per purchase, at noon UTC, with the amount as written', () => {
    expect(cdnowPayments(SAMPLE)).toEqual([
      { event_id: 'cdnow-1', player_id: '00004', server_id: 'cdnow', ts: '1997-01-01T12:00:00+00:00', amount: '29.33' },
      { event_id: 'cdnow-2', player_id: '00004', server_id: 'cdnow', ts: '1997-01-18T12:00:00+00:00', amount: '29.73' },
      { event_id: 'cdnow-4', player_id: '00021', server_id: 'cdnow', ts: '1997-01-01T12:00:00+00:00', amount: '63.34' },
    ]);
  });

  it('maps master ids to the numeric sample ids of the published summaries', () => {
    expect(cdnowSampleIds(SAMPLE)).toEqual(
      new Map([
        ['00004', 1],
        ['00021', 2],
      ]),
    );
  });

  it('names the line that does not parse', () => {
    expect(() => cdnowPayments(`${SAMPLE}00030 0003 1997-01-01 1 9.99\n`)).toThrow(/CDNOW line 5 /);
  });
});
