import { describe, expect, it } from 'vitest';
import { ACTIVE_DAY, ACTIVE_DAYS, activeDayOf, MONEY_ROW, PAYING_DAY, PAYING_DAYS, type RollupAlias } from '../../server/queries/metrics/activity.ts';
import { foldStageMix } from '../../server/queries/metrics/stageMix.ts';
import { ACTIVE_WINDOWS, hasPaid, lastDays, priorDays, wasActive, type EndParam } from '../../server/queries/metrics/windows.ts';
import { activeRef, draftRef, playerStageSql } from '../../server/queries/stages/playerStageSql.ts';
import { START_VIEWS } from '../../server/queries/views/startViews.ts';

const view = (name: string) => START_VIEWS.find((v) => v.name === name)!.select;

describe('activity fragments', () => {
  it('say what DESIGN section 5 says: a session makes a day active, a positive payment a paying day', () => {
    expect(ACTIVE_DAY).toBe('sessions > 0');
    expect(PAYING_DAY).toBe('payments > 0');
    expect(ACTIVE_DAYS).toBe('uniqExactIf(day, sessions > 0)');
    expect(PAYING_DAYS).toBe('uniqExactIf(day, payments > 0)');
    expect(MONEY_ROW).toBe('(payments > 0 OR revenue != 0)');
  });
});

describe('active day over a joined rollup', () => {
  it('qualifies the active-day test with an allow-listed alias and refuses any other', () => {
    expect(activeDayOf('d')).toBe('d.sessions > 0');
    expect(activeDayOf('pd')).toBe('pd.sessions > 0');
    expect(() => activeDayOf('x; DROP TABLE sessions' as RollupAlias)).toThrow(/not a player_daily alias/);
  });
});

describe('day windows', () => {
  it('end on a typed Date parameter, inclusive, and reach back the given number of days', () => {
    expect(lastDays('to', 7)).toBe('day > {to:Date} - 7');
    expect(priorDays('as_of', 14)).toBe('day <= {as_of:Date} - 14 AND day > {as_of:Date} - 2 * 14');
    expect(ACTIVE_WINDOWS).toEqual({ dau: 1, wau: 7, mau: 30 });
    // Per-player flags of a grouped query: an active (or paying) day inside the window.
    expect(wasActive(lastDays('to', ACTIVE_WINDOWS.mau))).toBe('max(sessions > 0 AND day > {to:Date} - 30)');
    expect(hasPaid('day >= {from:Date}')).toBe('max(payments > 0 AND day >= {from:Date})');
  });

  it('refuses a window end outside the allow-list', () => {
    expect(() => lastDays('to} OR 1 = 1 --' as EndParam, 7)).toThrow(RangeError);
  });
});

describe('views rebuilt at start', () => {
  it('declares player_stage (and player_stage_under, its thresholds as parameters) from the stage rule builder and daily_kpi from the activity fragments', () => {
    expect(START_VIEWS.map((v) => v.name)).toEqual(['player_stage', 'player_stage_under', 'daily_kpi']);
    expect(view('player_stage')).toBe(playerStageSql(activeRef));
    expect(view('player_stage_under')).toBe(playerStageSql(draftRef));
    expect(view('daily_kpi')).toContain('uniqExactIf(player_id, sessions > 0) AS dau');
    expect(view('daily_kpi')).toContain('uniqExactIf(player_id, payments > 0) AS payers');
  });

  it('counts the stage windows with the active-day and window fragments, for the active rules and a draft alike', () => {
    for (const ref of [activeRef, draftRef]) {
      const sql = playerStageSql(ref);
      const w = ref('window_days');
      expect(sql).toContain(`if(${ACTIVE_DAY} AND ${lastDays('as_of', w)},`);
      expect(sql).toContain(`if(${ACTIVE_DAY} AND ${priorDays('as_of', w)},`);
      expect(sql).toContain(`${PAYING_DAYS} AS paying_days`);
      expect(sql).toContain(`${ACTIVE_DAYS} AS active_days`);
      // Those two windows and the lifetime active days are the only places that read sessions: no other spelling of an active day.
      expect(sql.match(/sessions/g)).toHaveLength(3);
    }
  });
});

describe('stage-mix fold', () => {
  const rows = [
    { stage: 'growth', status: '', players: 3, revenue: '35' },
    { stage: 'decline', status: 'leaving', players: 4, revenue: '21' },
    { stage: 'decline', status: 'lapsed', players: 1, revenue: '0' },
    { stage: 'decline', status: 'lost', players: 7, revenue: '5' },
    { stage: 'growth', status: '', players: 2, revenue: '1.5' },
  ];

  it('keeps lost players out of the active base and counts them apart', () => {
    const byStage = foldStageMix(rows, 'stage');
    expect(byStage.lost).toBe(7);
    expect(byStage.total).toBe(10);
    expect(Object.fromEntries(byStage.cells)).toEqual({ growth: { players: 5, spend: ['35', '1.5'] }, decline: { players: 5, spend: ['21', '0'] } });
  });

  it('splits decline by status when folded by stage and status', () => {
    const byStatus = foldStageMix(rows, 'stageStatus');
    expect([...byStatus.cells.keys()]).toEqual(['growth|', 'decline|leaving', 'decline|lapsed']);
    expect(byStatus.total).toBe(10);
  });
});
