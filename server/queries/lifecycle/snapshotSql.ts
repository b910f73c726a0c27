import { latestInForce } from '../stages/inForce.ts';

/**
 * The stored stage snapshot of one day (its latest computation under the rules in force), one row per
 * player, with the transition key: the stage, or 'lost' for players gone past
 * the lost horizon. `param` names the query's Date parameter ('from' or 'to').
 */
export function snapshotOf(param: 'from' | 'to'): string {
  return `SELECT player_id, server_id, tier, idle_days, lifetime_spend, spend_r, if(status = 'lost', 'lost', stage) AS key
          FROM player_stage_daily
          WHERE day = {${param}:Date} AND ${latestInForce('player_stage_daily', param)}`;
}

/**
 * Players on the "to" day (optionally one server) joined to their key on the
 * "from" day; players not yet seen on "from" come from 'new'. Players lost on
 * both days are not a movement and are left out.
 */
export const TRANSITION_ROWS = `
  SELECT if(a.key = '', 'new', a.key) AS from_stage, b.key AS to_stage, b.player_id AS player_id, b.server_id AS server_id,
         b.tier AS tier, b.idle_days AS idle_days, b.lifetime_spend AS lifetime_spend, b.spend_r AS spend_r
  FROM (${snapshotOf('to')}) AS b
  LEFT JOIN (${snapshotOf('from')}) AS a ON a.player_id = b.player_id
  WHERE ({server:String} = '' OR b.server_id = {server:String})
    AND NOT (from_stage = 'lost' AND to_stage = 'lost')
  SETTINGS join_use_nulls = 0`;
