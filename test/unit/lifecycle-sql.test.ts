import { describe, expect, it } from 'vitest';
import { snapshotOf, TRANSITION_ROWS } from '../../server/queries/lifecycle/snapshotSql.ts';

const params = (sql: string) => [...new Set(sql.match(/\{\w+:\w+\}/g))].sort();

describe('transition SQL fragments', () => {
  it('reads one day per snapshot, through its own typed Date parameter', () => {
    expect(params(snapshotOf('from'))).toEqual(['{from:Date}']);
    expect(params(snapshotOf('to'))).toEqual(['{to:Date}']);
    // The latest computation of the day only: older ones may not be cleared yet.
    expect(snapshotOf('to')).toContain('computed_at = (SELECT max(computed_at) FROM player_stage_daily WHERE day = {to:Date})');
  });

  it('joins the two days with typed parameters only', () => {
    expect(params(TRANSITION_ROWS)).toEqual(['{from:Date}', '{server:String}', '{to:Date}']);
  });
});
