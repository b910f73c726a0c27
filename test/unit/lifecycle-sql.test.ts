import { describe, expect, it } from 'vitest';
import { snapshotOf, TRANSITION_ROWS } from '../../server/queries/lifecycle/snapshotSql.ts';

const params = (sql: string) => [...new Set(sql.match(/\{\w+:\w+\}/g))].sort();

describe('transition SQL fragments', () => {
  it('reads one day per snapshot, through its own typed Date parameter', () => {
    expect(params(snapshotOf('from'))).toEqual(['{from:Date}']);
    expect(params(snapshotOf('to'))).toEqual(['{to:Date}']);
    // The latest computation of the day under the rules in force only: older ones may not be cleared yet,
    // and a pending version's rows stay unseen until it is published.
    const inForce = 'config_version = (SELECT version FROM active_lifecycle_config)';
    expect(snapshotOf('to')).toContain(`WHERE day = {to:Date} AND ${inForce}`);
    expect(snapshotOf('to')).toContain(`computed_at = (SELECT max(computed_at) FROM player_stage_daily WHERE day = {to:Date} AND ${inForce})`);
  });

  it('joins the two days with typed parameters only', () => {
    expect(params(TRANSITION_ROWS)).toEqual(['{from:Date}', '{server:String}', '{to:Date}']);
  });
});
