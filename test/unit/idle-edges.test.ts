import { describe, expect, it } from 'vitest';
import { IDLE_EDGES, idleEdges } from '../../server/lifecycle/idleEdges.ts';

describe('idle-day spans of the back-test', () => {
  it('adds the lapsed and lost thresholds of each set of rules to the fixed spans, in order, once each', () => {
    expect(idleEdges([])).toEqual([...IDLE_EDGES]);
    expect(idleEdges([{ lapsed_idle_days: '30', lost_idle_days: '180' }, undefined])).toEqual([7, 14, 30, 60, 90, 180, 365]);
    expect(
      idleEdges([
        { lapsed_idle_days: '21', lost_idle_days: '75' },
        { lapsed_idle_days: '45', lost_idle_days: '75' },
      ]),
    ).toEqual([7, 14, 21, 30, 45, 60, 75, 90, 180, 365]);
  });

  it('leaves out a draft threshold that is not a whole number of days', () => {
    expect(idleEdges([{ lapsed_idle_days: 'x', lost_idle_days: '0' }])).toEqual([...IDLE_EDGES]);
  });
});
